#include "sim/scenario/distribution_parse.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace attune::scenario_detail {
namespace {

/// The kinds a `dist:` key may name (a fixed value is written as a plain number).
constexpr DistributionKind kKinds[] = {DistributionKind::normal,    DistributionKind::truncated_normal,
                                       DistributionKind::beta,      DistributionKind::lognormal,
                                       DistributionKind::uniform,   DistributionKind::mixture};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (auto kind : kKinds) names.emplace_back(kind_name(kind));
  return names;
}

/// Keys a distribution mapping of each kind may hold.
std::vector<std::string> keys_of(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::normal: return {"dist", "mean", "sd"};
    case DistributionKind::truncated_normal: return {"dist", "mean", "sd", "min", "max"};
    case DistributionKind::beta: return {"dist", "alpha", "beta", "mean", "sd", "min", "max"};
    case DistributionKind::lognormal: return {"dist", "median", "mu", "sigma"};
    case DistributionKind::uniform: return {"dist", "min", "max"};
    case DistributionKind::mixture: return {"dist", "components"};
    case DistributionKind::fixed: break;
  }
  return {};
}

/// Reads the distributions of one parameter, checking every number against its row.
class Reader {
 public:
  Reader(const ParameterInfo& info, Issues& issues) : info_(info), issues_(issues) {}

  std::optional<Distribution> value(const Located& at) {
    if (at.node.IsMap()) return distribution(at, map_entries(at, issues_).value());
    if (!at.node.IsScalar()) {
      issues_.add(at, "expected a number or a distribution mapping such as {dist: normal, mean: " +
                          format_number(info_.default_value) + ", sd: ...}");
      return std::nullopt;
    }
    return fixed(at);
  }

 private:
  const ParameterInfo& info_;
  Issues& issues_;

  std::optional<Distribution> fixed(const Located& at) {
    const auto x = read_number(at, issues_);
    if (!x || !in_range(at, *x, "value")) return std::nullopt;
    return Distribution{.kind = DistributionKind::fixed, .value = *x};
  }

  // Built by appending: GCC 12 at -O3 misreports "literal" + std::string (-Wrestrict, PR 105651).
  std::string range_text() const {
    std::string text = "[";
    text += format_number(info_.min);
    text += ", ";
    text += format_number(info_.max);
    text += info_.unit == "-" ? "] (no unit) of " : "] (unit " + info_.unit + ") of ";
    text += info_.qualified();
    return text;
  }

  void out_of_range(const Located& at, double x, std::string_view what) {
    issues_.add(at, std::string(what) + " " + format_number(x) + " is outside the valid range " + range_text());
  }

  bool in_range(const Located& at, double x, std::string_view what) {
    if (info_.min <= x && x <= info_.max) return true;
    out_of_range(at, x, what);
    return false;
  }

  bool positive(const Located& at, double x) {
    if (x > 0) return true;
    issues_.add(at, at.name + " must be greater than 0, got " + format_number(x));
    return false;
  }

  /// A key the kind needs; reported at the mapping when absent.
  std::optional<double> required(const std::vector<Located>& entries, const Located& map, std::string_view key) {
    if (const Located* at = find(entries, key)) return read_number(*at, issues_);
    issues_.add(map.mark(), map.path + "." + std::string(key), "missing required key '" + std::string(key) + "'");
    return std::nullopt;
  }

  /// An optional bound: its value checked against the range, or `fallback` when absent.
  std::optional<double> bound(const std::vector<Located>& entries, std::string_view key, double fallback) {
    const Located* at = find(entries, key);
    if (!at) return fallback;
    const auto x = read_number(*at, issues_);
    if (x && !in_range(*at, *x, key)) return std::nullopt;
    return x;
  }

  /// Reports min >= max at the mapping; true when the interval is usable.
  bool ordered(const Located& map, double lo, double hi) {
    if (lo < hi) return true;
    issues_.add(map.mark(), map.path + ".min", "min " + format_number(lo) + " must be below max " + format_number(hi));
    return false;
  }

  std::optional<Distribution> distribution(const Located& map, const std::vector<Located>& all) {
    const Located* dist = find(all, "dist");
    if (!dist) {
      issues_.add(map.mark(), map.path + ".dist", "missing required key 'dist'" + suggestion("", kind_names()));
      return std::nullopt;
    }
    const auto name = read_string(*dist, issues_);
    if (!name) return std::nullopt;
    DistributionKind kind = DistributionKind::fixed;
    for (auto k : kKinds)
      if (kind_name(k) == *name) kind = k;
    if (kind == DistributionKind::fixed) {
      issues_.add(*dist, "unknown distribution '" + *name + "'" + suggestion(*name, kind_names()));
      return std::nullopt;
    }
    const std::size_t before = issues_.size();
    const auto entries = known_entries(all, keys_of(kind), "key for a " + *name + " distribution", issues_);
    std::optional<Distribution> d;
    switch (kind) {
      case DistributionKind::normal: d = normal(map, entries); break;
      case DistributionKind::truncated_normal: d = truncated_normal(map, entries); break;
      case DistributionKind::beta: d = beta(map, entries); break;
      case DistributionKind::lognormal: d = lognormal(map, entries); break;
      case DistributionKind::uniform: d = uniform(map, entries); break;
      case DistributionKind::mixture: d = mixture(map, entries); break;
      case DistributionKind::fixed: break;
    }
    if (issues_.size() > before) return std::nullopt;
    if (const std::string problem = d ? sampling_problem(*d) : ""; !problem.empty()) {
      issues_.add(map.mark(), map.path, problem);
      return std::nullopt;
    }
    return d;
  }

  /// A beta's shape parameter inside [kMinBetaShape, kMaxBetaShape]; `how` says where it came from.
  bool shape_in_range(const Located& at, std::string_view shape, double x, const std::string& how) {
    if (kMinBetaShape <= x && x <= kMaxBetaShape) return true;
    issues_.add(at, std::string(shape) + " " + format_number(x) + how + " is outside [" + format_number(kMinBetaShape) +
                        ", " + format_number(kMaxBetaShape) + "], the shapes whose quantiles can be computed reliably");
    return false;
  }

  // A plain normal is truncated at the parameter's range from the table: values
  // outside it are invalid for the model, and cutting them off keeps the shape
  // inside rather than piling mass on the bounds as clamping would.
  std::optional<Distribution> normal(const Located& map, const std::vector<Located>& entries) {
    const auto mean = required(entries, map, "mean");
    const auto sd = required(entries, map, "sd");
    if (!mean || !sd || !in_range(*find(entries, "mean"), *mean, "mean") || !positive(*find(entries, "sd"), *sd))
      return std::nullopt;
    return Distribution{.kind = DistributionKind::normal, .mean = *mean, .sd = *sd, .min = info_.min, .max = info_.max};
  }

  std::optional<Distribution> truncated_normal(const Located& map, const std::vector<Located>& entries) {
    auto d = normal(map, entries);
    const auto lo = bound(entries, "min", info_.min);
    const auto hi = bound(entries, "max", info_.max);
    if (!d || !lo || !hi || !ordered(map, *lo, *hi)) return std::nullopt;
    // The mean inside the bounds keeps the truncated mass well away from zero.
    if (d->mean < *lo || d->mean > *hi) {
      issues_.add(*find(entries, "mean"), "mean " + format_number(d->mean) + " must lie within the truncation bounds [" +
                                              format_number(*lo) + ", " + format_number(*hi) + "]");
      return std::nullopt;
    }
    d->kind = DistributionKind::truncated_normal;
    d->min = *lo;
    d->max = *hi;
    return d;
  }

  std::optional<Distribution> beta(const Located& map, const std::vector<Located>& entries) {
    // A beta lives on [0, 1] unless min and max scale it; the default must fit the range too.
    const bool scaled = find(entries, "min") || find(entries, "max");
    if (!scaled && !(info_.min <= 0 && 1 <= info_.max)) {
      issues_.add(map.mark(), map.path, "a beta spans [0, 1] unless min and max are given, and [0, 1] is outside the valid range " + range_text());
      return std::nullopt;
    }
    const auto lo = bound(entries, "min", 0);
    const auto hi = bound(entries, "max", 1);
    if (!lo || !hi || !ordered(map, *lo, *hi)) return std::nullopt;
    Distribution d{.kind = DistributionKind::beta, .min = *lo, .max = *hi};
    const bool shape = find(entries, "alpha") || find(entries, "beta");
    const bool moments = find(entries, "mean") || find(entries, "sd");
    if (shape == moments) {
      issues_.add(map.mark(), map.path, shape ? "give either alpha and beta or mean and sd, not both"
                                              : "missing required keys: alpha and beta, or mean and sd");
      return std::nullopt;
    }
    if (shape) {
      const auto alpha = required(entries, map, "alpha");
      const auto b = required(entries, map, "beta");
      if (!alpha || !b || !positive(*find(entries, "alpha"), *alpha) || !positive(*find(entries, "beta"), *b))
        return std::nullopt;
      const bool alpha_ok = shape_in_range(*find(entries, "alpha"), "alpha", *alpha, "");
      if (!shape_in_range(*find(entries, "beta"), "beta", *b, "") || !alpha_ok) return std::nullopt;
      d.alpha = *alpha;
      d.beta = *b;
      return d;
    }
    const auto mean = required(entries, map, "mean");
    const auto sd = required(entries, map, "sd");
    if (!mean || !sd || !in_range(*find(entries, "mean"), *mean, "mean") || !positive(*find(entries, "sd"), *sd))
      return std::nullopt;
    // Method of moments on the unit interval.
    const double width = *hi - *lo;
    const double m = (*mean - *lo) / width, s = *sd / width;
    if (!(0 < m && m < 1)) {
      issues_.add(*find(entries, "mean"), "mean " + format_number(*mean) + " must lie strictly inside (" +
                                              format_number(*lo) + ", " + format_number(*hi) + ")");
      return std::nullopt;
    }
    if (s * s >= m * (1 - m)) {
      issues_.add(*find(entries, "sd"), "sd " + format_number(*sd) + " is too large for a beta with mean " + format_number(*mean) +
                                            " on [" + format_number(*lo) + ", " + format_number(*hi) + "]: it must be below " +
                                            format_number(width * std::sqrt(m * (1 - m))));
      return std::nullopt;
    }
    const double nu = m * (1 - m) / (s * s) - 1;
    d.alpha = m * nu;
    d.beta = (1 - m) * nu;
    // A tiny sd makes huge shapes (sd 1e-150: 1e300), a mean at a bound a tiny one.
    const std::string how = " (from mean " + format_number(*mean) + " and sd " + format_number(*sd) + ")";
    if (!shape_in_range(*find(entries, "sd"), "alpha", d.alpha, how) || !shape_in_range(*find(entries, "sd"), "beta", d.beta, how))
      return std::nullopt;
    return d;
  }

  // Like a plain normal, a lognormal is truncated at the parameter's range.
  std::optional<Distribution> lognormal(const Located& map, const std::vector<Located>& entries) {
    const auto sigma = required(entries, map, "sigma");
    const Located* median_at = find(entries, "median");
    const Located* mu_at = find(entries, "mu");
    if (!median_at == !mu_at) {
      issues_.add(map.mark(), map.path, median_at ? "give either median or mu, not both" : "missing required key 'median' (or 'mu')");
      return std::nullopt;
    }
    const auto location = read_number(median_at ? *median_at : *mu_at, issues_);
    if (!sigma || !location || !positive(*find(entries, "sigma"), *sigma)) return std::nullopt;
    if (*sigma > kMaxLognormalSigma) {
      issues_.add(*find(entries, "sigma"), "sigma " + format_number(*sigma) + " is above the limit of " +
                                               format_number(kMaxLognormalSigma) + " (the spread of log(x))");
      return std::nullopt;
    }
    if (median_at && !positive(*median_at, *location)) return std::nullopt;
    // mu is checked in log space, where the mu a resolved scenario writes back
    // (log of a median at a bound) stays inside exactly.
    const bool inside = median_at ? info_.min <= *location && *location <= info_.max
                                  : (info_.min <= 0 || std::log(info_.min) <= *location) && *location <= std::log(info_.max);
    if (!inside) {
      if (median_at) out_of_range(*median_at, *location, "median");
      else out_of_range(*mu_at, std::exp(*location), "median exp(mu) =");
      return std::nullopt;
    }
    return Distribution{.kind = DistributionKind::lognormal, .mu = median_at ? std::log(*location) : *location,
                        .sigma = *sigma, .min = std::max(info_.min, 0.0), .max = info_.max};
  }

  std::optional<Distribution> uniform(const Located& map, const std::vector<Located>& entries) {
    const auto lo = required(entries, map, "min");
    const auto hi = required(entries, map, "max");
    if (!lo || !hi || !in_range(*find(entries, "min"), *lo, "min") || !in_range(*find(entries, "max"), *hi, "max") ||
        !ordered(map, *lo, *hi))
      return std::nullopt;
    return Distribution{.kind = DistributionKind::uniform, .min = *lo, .max = *hi};
  }

  std::optional<Distribution> mixture(const Located& map, const std::vector<Located>& entries) {
    const Located* list = find(entries, "components");
    if (!list) {
      issues_.add(map.mark(), map.path + ".components", "missing required key 'components'");
      return std::nullopt;
    }
    const auto items = sequence_items(*list, issues_);
    if (!items) return std::nullopt;
    if (items->empty()) {
      issues_.add(*list, "a mixture needs at least one component");
      return std::nullopt;
    }
    Distribution d{.kind = DistributionKind::mixture};
    double total = 0;
    for (const auto& item : *items) {
      auto component = this->component(item);
      if (!component) continue;
      total += component->weight;
      d.components.push_back(std::move(*component));
    }
    if (d.components.size() < items->size()) return std::nullopt;
    if (std::abs(total - 1) > 1e-9) {
      issues_.add(*list, "component weights sum to " + format_number(total) + ", not 1");
      return std::nullopt;
    }
    return d;
  }

  std::optional<MixtureComponent> component(const Located& item) {
    const auto all = map_entries(item, issues_);
    if (!all) return std::nullopt;
    const std::size_t before = issues_.size();
    const auto weight = required(*all, item, "weight");
    if (weight) positive(*find(*all, "weight"), *weight);
    std::optional<Distribution> d;
    const Located* value = find(*all, "value");
    if (value && find(*all, "dist")) {
      issues_.add(item.mark(), item.path, "give either value or dist, not both");
    } else if (!value && !find(*all, "dist")) {
      issues_.add(item.mark(), item.path + ".value", "missing required key 'value' (a fixed number) or 'dist'");
    } else if (value) {
      known_entries(*all, {"weight", "value"}, "key for a fixed mixture component", issues_);
      d = fixed(*value);
    } else {
      std::vector<Located> rest;
      for (const auto& entry : *all)
        if (entry.name != "weight") rest.push_back(entry);
      d = distribution(item, rest);
    }
    if (issues_.size() > before || !weight || !d) return std::nullopt;
    return MixtureComponent{*weight, std::move(*d)};
  }
};

}  // namespace

std::optional<Distribution> parse_parameter_value(const Located& at, const ParameterInfo& info, Issues& issues) {
  const std::size_t before = issues.size();
  auto d = Reader(info, issues).value(at);
  if (issues.size() > before) return std::nullopt;
  return d;
}

std::vector<std::string> distribution_number_fields() {
  std::vector<std::string> fields;
  for (auto kind : kKinds)
    for (auto& key : keys_of(kind))
      if (key != "dist" && key != "components" && std::find(fields.begin(), fields.end(), key) == fields.end())
        fields.push_back(key);
  return fields;
}

}  // namespace attune::scenario_detail

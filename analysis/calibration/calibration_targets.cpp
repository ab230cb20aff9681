#include "analysis/calibration/calibration_targets.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/assessments/ssp_coding.hpp"

namespace attune::calibration {
namespace {

using namespace scenario_detail;

constexpr const char* kTargetKinds[] = {"classes", "forced_classes", "mean", "proportion", "correlation"};

/// The sampling variance of a share count/n. A count of 0 or n would give a variance of
/// 0 and make every other value infinitely implausible, so the variance takes the share
/// with Jeffreys' half count added (p = (count + 0.5) / (n + 1)), as Jeffreys' interval does
/// (Brown, Cai & DasGupta 2001); the compared value stays count / n.
double share_variance(double count, double n) {
  const double p = (count + 0.5) / (n + 1.0);
  return p * (1.0 - p) / n;
}

class TargetReader {
 public:
  explicit TargetReader(Issues& issues) : issues_(issues) {}

  void item(const Located& at, std::vector<TargetComponent>& out) {
    const auto all = map_entries(at, issues_);
    if (!all) return;
    std::vector<std::string> known = {"name", "discrepancy"};
    known.insert(known.end(), std::begin(kTargetKinds), std::end(kTargetKinds));
    const auto entries = known_entries(*all, known, "key of a target", issues_);
    const Located* kind = nullptr;
    for (const char* name : kTargetKinds)
      if (const Located* found = find(entries, name)) {
        if (kind) issues_.add(found->key_mark, found->path, "a target has one kind; '" + kind->name + "' is given already");
        else kind = found;
      }
    if (!kind) {
      issues_.add(at.mark(), at.path, "a target needs one of: classes, forced_classes, mean, proportion, correlation");
      return;
    }
    std::string name;
    if (const Located* given = find(entries, "name"))
      if (auto text = read_string(*given, issues_)) name = *text;
    double discrepancy = 0;
    if (const Located* given = find(entries, "discrepancy"))
      if (auto value = read_number(*given, issues_)) {
        if (*value < 0) issues_.add(*given, "a discrepancy is a variance, at least 0");
        else discrepancy = *value;
      }
    const std::size_t first = out.size();
    if (kind->name == "classes") classes(*kind, kAttachmentClassLabels, "share_", out);
    // The forced three-way split (every assessed infant's organized class, D set aside), as
    // samples coded before the D category report it (Ainsworth et al. 1978).
    else if (kind->name == "forced_classes") classes(*kind, "ABC", "forced_share_", out);
    else if (kind->name == "mean") mean(*kind, out);
    else if (kind->name == "proportion") proportion(*kind, out);
    else correlation(*kind, out);
    for (std::size_t c = first; c < out.size(); ++c) {
      out[c].weight = 1.0 / static_cast<double>(out.size() - first);
      out[c].discrepancy_variance = discrepancy;
      out[c].mark = kind->key_mark;
      out[c].key = kind->path;
      if (!name.empty()) out[c].target = name;
    }
  }

 private:
  Issues& issues_;

  /// The entries of a target's body, each of `keys` required.
  std::optional<std::vector<Located>> body(const Located& at, const std::vector<std::string>& keys) {
    const auto all = map_entries(at, issues_);
    if (!all) return std::nullopt;
    auto entries = known_entries(*all, keys, "key of a " + at.name + " target", issues_);
    bool complete = true;
    for (const auto& key : keys)
      if (!find(entries, key)) {
        issues_.add(at.mark(), at.path + "." + key, "missing required key '" + key + "'");
        complete = false;
      }
    if (!complete) return std::nullopt;
    return entries;
  }

  std::optional<std::string> output(const std::vector<Located>& entries) {
    auto column = read_string(*find(entries, "output"), issues_);
    if (column && column->empty()) {
      issues_.add(*find(entries, "output"), "name a column of cells.csv");
      return std::nullopt;
    }
    return column;
  }

  /// A count read as a number: counts from published tables are whole, but a share times
  /// n may not be, so any value >= 0 is taken.
  std::optional<double> count(const Located& at) {
    const auto value = read_number(at, issues_);
    if (value && *value < 0) {
      issues_.add(at, "a count is at least 0");
      return std::nullopt;
    }
    return value;
  }

  /// Multinomial counts: each class's share (the output `prefix` + label) with its binomial
  /// variance from the total.
  void classes(const Located& at, const char* class_labels, const std::string& prefix,
               std::vector<TargetComponent>& out) {
    std::vector<std::string> labels;
    for (const char* label = class_labels; *label; ++label) labels.emplace_back(1, *label);
    const auto entries = body(at, labels);
    if (!entries) return;
    std::vector<double> counts;
    for (const auto& label : labels)
      if (auto value = count(*find(*entries, label))) counts.push_back(*value);
    if (counts.size() != labels.size()) return;
    double n = 0;
    for (double c : counts) n += c;
    if (n < 1) {
      issues_.add(at, "the counts add up to " + format_number(n) + "; give the sample's counts, not shares");
      return;
    }
    for (std::size_t k = 0; k < labels.size(); ++k) {
      TargetComponent component;
      component.target = at.name;
      component.output = prefix + labels[k];
      component.observed = counts[k] / n;
      component.observed_variance = share_variance(counts[k], n);
      out.push_back(component);
    }
  }

  void mean(const Located& at, std::vector<TargetComponent>& out) {
    const auto entries = body(at, {"output", "value", "se"});
    if (!entries) return;
    const auto column = output(*entries);
    const auto value = read_number(*find(*entries, "value"), issues_);
    auto se = read_number(*find(*entries, "se"), issues_);
    if (se && *se <= 0) {
      issues_.add(*find(*entries, "se"), "a standard error is above 0");
      se.reset();
    }
    if (!column || !value || !se) return;
    out.push_back({"mean " + *column, *column, *value, *se * *se, 0, Scale::identity, 1, {}, {}});
  }

  void proportion(const Located& at, std::vector<TargetComponent>& out) {
    const auto entries = body(at, {"output", "count", "n"});
    if (!entries) return;
    const auto column = output(*entries);
    const auto k = count(*find(*entries, "count"));
    const auto n = read_number(*find(*entries, "n"), issues_);
    if (n && *n < 1) issues_.add(*find(*entries, "n"), "a sample size is at least 1");
    if (k && n && *k > *n) issues_.add(*find(*entries, "count"), "the count exceeds n");
    if (!column || !k || !n || *n < 1 || *k > *n) return;
    out.push_back({"proportion " + *column, *column, *k / *n, share_variance(*k, *n), 0, Scale::identity, 1, {}, {}});
  }

  void correlation(const Located& at, std::vector<TargetComponent>& out) {
    const auto entries = body(at, {"output", "r", "n"});
    if (!entries) return;
    const auto column = output(*entries);
    const auto r = read_number(*find(*entries, "r"), issues_);
    const auto n = read_number(*find(*entries, "n"), issues_);
    if (r && !(*r > -1 && *r < 1)) issues_.add(*find(*entries, "r"), "a correlation lies strictly between -1 and 1");
    // Fisher's variance 1 / (n - 3) needs n > 3.
    if (n && *n <= 3) issues_.add(*find(*entries, "n"), "a correlation's sample needs n above 3");
    if (!column || !r || !n || !(*r > -1 && *r < 1) || *n <= 3) return;
    out.push_back({"correlation " + *column, *column, std::atanh(*r), 1.0 / (*n - 3.0), 0, Scale::fisher_z, 1, {}, {}});
  }
};

}  // namespace

std::string output_names_hint() {
  return "outputs are the columns of a sweep's cells.csv: share_A..share_D, forced_share_A..forced_share_C, <metric>_mean, "
         "r_secure_<variable>";
}

double compared_value(const TargetComponent& component, double output) {
  if (component.scale == Scale::identity || std::isnan(output)) return output;
  // A simulated correlation of exactly +-1 (a tiny cell) would give an infinite z.
  const double bound = 1.0 - 1e-9;
  return std::atanh(std::clamp(output, -bound, bound));
}

std::vector<TargetComponent> read_targets(const Located& targets, Issues& issues) {
  std::vector<TargetComponent> components;
  const auto items = sequence_items(targets, issues);
  if (!items) return components;
  if (items->empty()) issues.add(targets, "give at least one target");
  TargetReader reader(issues);
  for (const auto& item : *items) reader.item(item, components);
  return components;
}

}  // namespace attune::calibration

#include "sim/sweep/sweep_spec.hpp"

#include <filesystem>
#include <limits>

#include "models/parameter_table.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "sim/sweep/study_file.hpp"

namespace attune {
namespace {

using namespace scenario_detail;
namespace fs = std::filesystem;

/// a x b, or the largest uint64 when that overflows (so any count too large stays too large).
std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? std::numeric_limits<std::uint64_t>::max() : product;
}

constexpr DesignKind kKinds[] = {DesignKind::grid, DesignKind::values, DesignKind::lhs,     DesignKind::sobol,
                                 DesignKind::csv,  DesignKind::saltelli, DesignKind::morris};

const std::vector<std::string> kTopLevelKeys = {"name",    "base",       "dyads",   "span_days", "strange_situation_months",
                                                "sensitivity_observation_months",
                                                "seed",    "replicates", "seeds",   "design",    "samples",
                                                "file",    "axes",       "second_order", "trajectories", "levels"};

class SweepLoader {
 public:
  SweepLoader(SweepSpec& spec, Issues& issues) : spec_(spec), issues_(issues) {}

  void document(const Located& root) {
    const auto all = map_entries(root, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, kTopLevelKeys, "top-level key of a sweep", issues_);
    settings(root, entries);
    design_source(root, entries);
    sensitivity_keys(root, entries);
    design_size(entries);
  }

 private:
  SweepSpec& spec_;
  Issues& issues_;

  /// The keys every sweep has: name, base scenario, run sizes, seeds and the design's kind.
  void settings(const Located& root, const std::vector<Located>& entries) {
    static_cast<StudySettings&>(spec_) = read_study_settings(root, entries, spec_.file, "cell", issues_);
    if (const Located* at = find(entries, "replicates"))
      spec_.replicates = read_integer(*at, 1, 1000000, "runs of each design point", issues_).value_or(1);
    if (const Located* at = find(entries, "seeds")) seed_scheme(*at);
    if (const Located* at = find(entries, "design")) design_kind(*at);
  }

  /// Where the design's points come from, by its kind: a sample size, a CSV file or axes.
  void design_source(const Located& root, const std::vector<Located>& entries) {
    const Located* samples = find(entries, "samples");
    const Located* file = find(entries, "file");
    const Located* axes = find(entries, "axes");
    const bool sampled =
        spec_.design == DesignKind::lhs || spec_.design == DesignKind::sobol || spec_.design == DesignKind::saltelli;
    if (sampled && !samples) issues_.add(root.mark(), "samples", "missing required key 'samples' (points of the design)");
    if (samples && !sampled)
      issues_.add(samples->key_mark, samples->path, "'samples' applies only to design lhs, sobol or saltelli");
    if (samples && sampled) spec_.samples = read_integer(*samples, 1, 1000000, "design points", issues_).value_or(0);
    if (spec_.design == DesignKind::csv) {
      if (!file) issues_.add(root.mark(), "file", "missing required key 'file' (the design CSV) for design csv");
      if (axes) issues_.add(axes->key_mark, axes->path, "design csv takes its axes from the CSV header; remove 'axes'");
      if (file)
        if (auto path = read_string(*file, issues_)) {
          spec_.design_file = beside_file(spec_.file, *path);
          if (const auto problem = input_file_problem(spec_.design_file, "design file"); !problem.empty())
            issues_.add(*file, spec_.design_file + ": " + problem);
        }
      return;
    }
    if (file) issues_.add(file->key_mark, file->path, "'file' applies only to design csv");
    if (!axes) {
      issues_.add(root.mark(), "axes", "missing required key 'axes' (the parameters to sweep)");
      return;
    }
    this->axes(*axes);
  }

  /// The sensitivity designs' own keys: second_order (saltelli), trajectories and levels (morris).
  void sensitivity_keys(const Located& root, const std::vector<Located>& entries) {
    const bool saltelli = spec_.design == DesignKind::saltelli, morris = spec_.design == DesignKind::morris;
    if (const Located* at = find(entries, "second_order")) {
      if (!saltelli) issues_.add(at->key_mark, at->path, "'second_order' applies only to design saltelli");
      const auto flag = read_string(*at, issues_);
      if (flag && *flag != "true" && *flag != "false") issues_.add(*at, "second_order is true or false, not '" + *flag + "'");
      spec_.second_order = saltelli && flag == "true";
    }
    for (const char* key : {"trajectories", "levels"})
      if (const Located* at = find(entries, key); at && !morris)
        issues_.add(at->key_mark, at->path, "'" + at->name + "' applies only to design morris");
    if (!morris) return;
    if (const Located* at = find(entries, "trajectories")) {
      spec_.trajectories = read_integer(*at, 2, 1000000, "Morris trajectories", issues_).value_or(0);
    } else {
      issues_.add(root.mark(), "trajectories", "missing required key 'trajectories' (Morris trajectories, e.g. 10 to 50)");
    }
    if (const Located* at = find(entries, "levels")) {
      const auto levels = read_integer(*at, 2, 1000, "grid levels", issues_);
      // Morris (1991): an even p makes delta = p / (2 (p - 1)) a whole number of grid steps
      // and every level equally likely.
      if (levels && *levels % 2 != 0) issues_.add(*at, "levels must be even, not " + std::to_string(*levels));
      if (levels && *levels % 2 == 0) spec_.levels = *levels;
    }
  }

  /// Refuses a design too large to make, counted from the file alone (a csv's rows are
  /// counted when it is read); reported at the key that sets the number of points.
  void design_size(const std::vector<Located>& entries) {
    const std::uint64_t k = spec_.axes.size();
    std::uint64_t points = 0;
    const char* key = "axes";
    switch (spec_.design) {
      case DesignKind::grid:
        points = spec_.axes.empty() ? 0 : 1;
        for (const auto& axis : spec_.axes) points = saturating_product(points, axis.values.size());
        break;
      case DesignKind::values: points = spec_.axes.empty() ? 0 : spec_.axes.front().values.size(); break;
      case DesignKind::lhs:
      case DesignKind::sobol: points = spec_.samples, key = "samples"; break;
      case DesignKind::saltelli:
        points = saturating_product(spec_.samples, (spec_.second_order ? 2 * k : k) + 2), key = "samples";
        break;
      case DesignKind::morris: points = saturating_product(spec_.trajectories, k + 1), key = "trajectories"; break;
      case DesignKind::csv: return;
    }
    const std::string problem = design_size_problem(points, k, spec_.replicates);
    if (problem.empty()) return;
    const Located* at = find(entries, key);
    if (!at) at = find(entries, "replicates");
    if (at) issues_.add(at->key_mark, at->path, problem);
    else issues_.add_file(problem);
  }

  void seed_scheme(const Located& at) {
    const auto name = read_string(at, issues_);
    if (!name) return;
    if (*name == "per_cell") {
      spec_.seeds = SeedScheme::per_cell;
    } else if (*name == "common") {
      spec_.seeds = SeedScheme::common;
    } else {
      issues_.add(at, "unknown seeds '" + *name + "'" + suggestion(*name, {"per_cell", "common"}) +
                          " (per_cell: each cell its own seed; common: every point of a replicate the same)");
    }
  }

  void design_kind(const Located& at) {
    const auto name = read_string(at, issues_);
    if (!name) return;
    std::vector<std::string> names;
    for (auto kind : kKinds) {
      names.emplace_back(design_name(kind));
      if (*name == design_name(kind)) {
        spec_.design = kind;
        return;
      }
    }
    issues_.add(at, "unknown design '" + *name + "'" + suggestion(*name, names));
  }

  /// A value for `info` read from the file, checked against the table's range.
  std::optional<double> value_in_range(const Located& at, const ParameterInfo& info) {
    const auto x = read_number(at, issues_);
    if (!x) return std::nullopt;
    if (*x < info.min || *x > info.max) {
      issues_.add(at, format_number(*x) + " is outside the valid range [" + format_number(info.min) + ", " +
                          format_number(info.max) + "] of " + info.qualified());
      return std::nullopt;
    }
    return x;
  }

  void axes(const Located& at) {
    const auto entries = map_entries(at, issues_);
    if (!entries) return;
    if (entries->empty()) issues_.add(at, "name at least one parameter to sweep");
    std::vector<std::string> names;
    for (const auto& row : parameter_table()) names.push_back(row.qualified());
    for (const auto& entry : *entries) {
      const auto dot = entry.name.find('.');
      const auto index = dot == std::string::npos ? std::nullopt
                                                  : find_parameter(entry.name.substr(0, dot), entry.name.substr(dot + 1));
      if (!index) {
        issues_.add(entry.key_mark, entry.path, "unknown parameter (write group.name)" + suggestion(entry.name, names, false));
        continue;
      }
      if (auto axis = this->axis(entry, parameter_table()[*index])) spec_.axes.push_back(std::move(*axis));
    }
    if (spec_.design == DesignKind::values && !spec_.axes.empty()) {
      for (const auto& axis : spec_.axes)
        if (axis.values.size() != spec_.axes.front().values.size())
          issues_.add(at, "design values pairs the i-th values of every axis, so every axis needs as many values (" +
                              spec_.axes.front().parameter + " has " + std::to_string(spec_.axes.front().values.size()) +
                              ", " + axis.parameter + " has " + std::to_string(axis.values.size()) + ")");
    }
  }

  std::optional<SweepAxis> axis(const Located& entry, const ParameterInfo& info) {
    const auto all = map_entries(entry, issues_);
    if (!all) return std::nullopt;
    SweepAxis axis{info.qualified(), {}, 0, 0};
    const bool explicit_values = spec_.design == DesignKind::grid || spec_.design == DesignKind::values;
    const Located* values = find(*all, "values");
    if (values && explicit_values) {
      known_entries(*all, {"values"}, "key for an axis with explicit values", issues_);
      const auto items = sequence_items(*values, issues_);
      if (!items) return std::nullopt;
      if (items->empty()) issues_.add(*values, "give at least one value");
      const std::size_t before = issues_.size();
      for (const auto& item : *items)
        if (auto x = value_in_range(item, info)) axis.values.push_back(*x);
      if (issues_.size() != before) return std::nullopt;
      return axis;
    }
    const bool grid = spec_.design == DesignKind::grid;
    if (spec_.design == DesignKind::values) {
      issues_.add(entry, "design values needs {values: [...]} for every axis");
      return std::nullopt;
    }
    const auto keys = grid ? std::vector<std::string>{"min", "max", "steps"} : std::vector<std::string>{"min", "max"};
    known_entries(*all, keys, grid ? "key for a grid axis (values, or min, max and steps)" : "key for a sampled axis",
                  issues_);
    std::optional<double> lo, hi;
    std::optional<std::uint64_t> steps;
    for (const auto& key : keys)
      if (!find(*all, key)) issues_.add(entry.mark(), entry.path + "." + key, "missing required key '" + key + "'");
    if (const Located* at = find(*all, "min")) lo = value_in_range(*at, info);
    if (const Located* at = find(*all, "max")) hi = value_in_range(*at, info);
    if (grid)
      if (const Located* at = find(*all, "steps")) steps = read_integer(*at, 2, 100000, "grid points", issues_);
    if (!lo || !hi || (grid && !steps)) return std::nullopt;
    if (!(*lo < *hi)) {
      issues_.add(entry, "min " + format_number(*lo) + " must be below max " + format_number(*hi));
      return std::nullopt;
    }
    axis.min = *lo;
    axis.max = *hi;
    if (grid) {
      // Evenly spaced, ends exact: min + i (max - min) / (steps - 1).
      for (std::uint64_t i = 0; i < *steps; ++i)
        axis.values.push_back(i + 1 == *steps ? *hi : *lo + static_cast<double>(i) * (*hi - *lo) / static_cast<double>(*steps - 1));
    }
    return axis;
  }
};

}  // namespace

std::string design_size_problem(std::uint64_t points, std::uint64_t axes, std::uint64_t replicates) {
  const std::uint64_t cells = saturating_product(points, replicates);
  const std::uint64_t values = saturating_product(points, axes);
  const auto count = [](std::uint64_t n) {
    return n == std::numeric_limits<std::uint64_t>::max() ? std::string("more than 18446744073709551615")
                                                          : std::to_string(n);
  };
  if (cells > kMaxSweepCells)
    return "the design has " + count(points) + " points x " + std::to_string(replicates) + " replicates = " +
           count(cells) + " cells, more than the limit of " + std::to_string(kMaxSweepCells) + " cells a sweep";
  if (values > kMaxDesignValues)
    return "the design has " + count(points) + " points x " + std::to_string(axes) + " axes = " + count(values) +
           " values, more than the limit of " + std::to_string(kMaxDesignValues) + " values a design";
  return "";
}

const char* design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::values: return "values";
    case DesignKind::lhs: return "lhs";
    case DesignKind::sobol: return "sobol";
    case DesignKind::csv: return "csv";
    case DesignKind::saltelli: return "saltelli";
    case DesignKind::morris: return "morris";
  }
  return "";
}

SweepSpec load_sweep(const std::string& path) {
  SweepSpec spec;
  spec.file = path;
  load_study_file(path, "sweep file", spec.text,
                  [&spec](const Located& root, Issues& issues) { SweepLoader(spec, issues).document(root); });
  return spec;
}

}  // namespace attune

#include "sim/sweep/sweep_design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <numeric>

#include <boost/random/sobol.hpp>

#include "models/parameter_table.hpp"
#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"
#include "sim/random/rng.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune {
namespace {

using scenario_detail::format_number;

/// Keeps the hypercube's permutations apart from any other use of the sweep seed.
constexpr std::uint64_t kLatinHypercubeStream = 0x4c48532d73776565ULL;  // "LHS-swee"
/// Keeps the Morris trajectories' draws apart likewise.
constexpr std::uint64_t kMorrisStream = 0x4d4f525249532d73ULL;  // "MORRIS-s"

/// A uniform integer in [0, bound): rejection keeps it exactly uniform.
std::uint64_t below(Rng& rng, std::uint64_t bound) {
  const std::uint64_t limit = Rng::max() - Rng::max() % bound;
  for (;;) {
    const std::uint64_t x = rng();
    if (x < limit) return x % bound;
  }
}

/// A uniform double in [0, 1) from the top 53 bits.
double unit(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// A design CSV field without the blanks around it (spreadsheets pad with them).
std::string trimmed(const std::string& field) {
  const auto first = field.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return field.substr(first, field.find_last_not_of(" \t") - first + 1);
}

/// Why a design CSV field cannot set `parameter` ("" when it can): not a number, or
/// outside the parameter's valid range. Checked here, where the field's column is known.
std::string field_problem(const std::string& value, std::size_t column, const std::string& parameter) {
  const auto dot = parameter.find('.');
  const ParameterInfo& info = parameter_table()[*find_parameter(parameter.substr(0, dot), parameter.substr(dot + 1))];
  const std::string where = "column " + std::to_string(column + 1) + " (" + parameter + "): ";
  double x = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), x);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || !std::isfinite(x))
    return where + "'" + value + "' is not a number";
  if (x < info.min || x > info.max)
    return where + value + " is outside the valid range [" + format_number(info.min) + ", " + format_number(info.max) +
           "]";
  return "";
}

/// Where a column of the header line sits, for the issue (1-based column = field number).
YAML::Mark header_field(std::size_t field) {
  YAML::Mark mark;
  mark.column = static_cast<int>(field);
  return mark;
}

Design csv_design(const std::string& path) {
  scenario_detail::Issues issues(path);
  std::string reason;
  const auto text = read_input_file(path, "design file", reason);
  if (!text) {
    issues.add_file(reason);
    throw ScenarioError(issues.take());
  }
  TextLines in(std::move(*text), path);
  std::string line;
  Design design;
  if (!in.next(line)) {
    issues.add_file("the design file is empty; its first line names the parameters (group.name)");
    throw ScenarioError(issues.take());
  }
  const auto header = split_csv_line(line);
  std::vector<std::string> names;
  for (const auto& row : parameter_table()) names.push_back(row.qualified());
  if (!header) issues.add(header_field(0), "", "the header line has an unclosed quote");
  for (std::size_t i = 0; header && i < (*header).size(); ++i) {
    const std::string& name = (*header)[i];
    const auto dot = name.find('.');
    const auto index = dot == std::string::npos ? std::nullopt : find_parameter(name.substr(0, dot), name.substr(dot + 1));
    if (!index) {
      issues.add(header_field(i), name,
                 "column " + std::to_string(i + 1) + " is not a parameter (write group.name)" +
                     scenario_detail::suggestion(name, names, false));
    } else if (std::find(design.axes.begin(), design.axes.end(), name) != design.axes.end()) {
      issues.add(header_field(i), name, "the parameter is named twice");
    } else {
      design.axes.push_back(name);
    }
  }
  if (issues.size() > 0) throw ScenarioError(issues.take());
  const std::string file_name = std::filesystem::path(path).filename().string();
  while (in.next(line)) {
    if (line.empty()) continue;
    DesignPoint point;
    point.origin = file_name + " line " + std::to_string(in.number());
    const auto fields = split_csv_line(line);
    if (!fields) {
      point.problem = "a quoted field is not closed";
    } else if (fields->size() != design.axes.size()) {
      point.problem = "expected " + std::to_string(design.axes.size()) + " fields, got " + std::to_string(fields->size());
    } else {
      // The values stay as written (trimmed), so failures.csv shows the one at fault.
      for (std::size_t k = 0; k < fields->size(); ++k) {
        point.values.push_back(trimmed((*fields)[k]));
        if (point.problem.empty()) point.problem = field_problem(point.values.back(), k, design.axes[k]);
      }
    }
    design.points.push_back(std::move(point));
  }
  if (design.points.empty()) {
    issues.add_file("the design file has a header but no rows");
    throw ScenarioError(issues.take());
  }
  return design;
}

}  // namespace

std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions, std::uint64_t seed) {
  Rng rng(seed ^ kLatinHypercubeStream);
  std::vector<std::vector<double>> points(samples, std::vector<double>(dimensions));
  std::vector<std::size_t> strata(samples);
  for (std::size_t d = 0; d < dimensions; ++d) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    // Fisher-Yates with our own draws: std::shuffle's sequence differs between libraries.
    for (std::size_t i = samples; i > 1; --i) std::swap(strata[i - 1], strata[below(rng, i)]);
    for (std::size_t i = 0; i < samples; ++i)
      points[i][d] = (static_cast<double>(strata[i]) + unit(rng)) / static_cast<double>(samples);
  }
  return points;
}

std::vector<std::vector<double>> sobol_points(std::size_t samples, std::size_t dimensions) {
  boost::random::sobol engine(dimensions);
  std::vector<std::vector<double>> points(samples, std::vector<double>(dimensions));
  // The engine yields each coordinate as an integer of 64 bits; scaled to [0, 1).
  for (auto& point : points)
    for (auto& x : point) x = std::ldexp(static_cast<double>(engine()), -64);
  return points;
}

std::vector<std::vector<double>> saltelli_points(std::size_t samples, std::size_t k, bool second_order) {
  std::vector<std::vector<double>> points;
  for (const auto& base : sobol_points(samples, 2 * k)) {
    const std::vector<double> a(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(base.begin() + static_cast<std::ptrdiff_t>(k), base.end());
    points.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      points.push_back(a);
      points.back()[i] = b[i];
    }
    for (std::size_t i = 0; second_order && i < k; ++i) {
      points.push_back(b);
      points.back()[i] = a[i];
    }
    points.push_back(b);
  }
  return points;
}

std::vector<std::vector<double>> morris_points(std::size_t trajectories, std::size_t k, std::size_t levels,
                                               std::uint64_t seed) {
  Rng rng(seed ^ kMorrisStream);
  // On level indices 0..levels-1 (x = index / (levels - 1), so grid values are exact),
  // delta is levels / 2 indices; a base index below levels / 2 keeps the moved one on the grid.
  const std::size_t jump = levels / 2;
  const double top = static_cast<double>(levels - 1);
  std::vector<std::vector<double>> points;
  std::vector<std::size_t> order(k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::vector<std::size_t> at(k);
    std::vector<bool> up(k);
    for (std::size_t i = 0; i < k; ++i) {
      const std::size_t base = below(rng, jump);
      up[i] = below(rng, 2) == 0;
      at[i] = up[i] ? base : base + jump;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[below(rng, i)]);
    const auto emit = [&] {
      std::vector<double> x(k);
      for (std::size_t i = 0; i < k; ++i) x[i] = static_cast<double>(at[i]) / top;
      points.push_back(std::move(x));
    };
    emit();
    for (std::size_t i : order) {
      at[i] = up[i] ? at[i] + jump : at[i] - jump;
      emit();
    }
  }
  return points;
}

Design make_design(const SweepSpec& spec) {
  if (spec.design == DesignKind::csv) {
    Design design = csv_design(spec.design_file);
    if (auto problem = design_size_problem(design.points.size(), design.axes.size(), spec.replicates); !problem.empty()) {
      scenario_detail::Issues issues(spec.design_file);
      issues.add_file(std::move(problem));
      throw ScenarioError(issues.take());
    }
    return design;
  }
  Design design;
  for (const auto& axis : spec.axes) design.axes.push_back(axis.parameter);
  const auto add = [&design](std::vector<double> values) {
    DesignPoint point;
    for (double x : values) point.values.push_back(format_number(x));
    design.points.push_back(std::move(point));
  };
  const std::size_t dimensions = spec.axes.size();
  const auto unit_points = [&spec, dimensions]() -> std::vector<std::vector<double>> {
    switch (spec.design) {
      case DesignKind::lhs: return latin_hypercube(spec.samples, dimensions, spec.seed);
      case DesignKind::sobol: return sobol_points(spec.samples, dimensions);
      case DesignKind::saltelli: return saltelli_points(spec.samples, dimensions, spec.second_order);
      case DesignKind::morris: return morris_points(spec.trajectories, dimensions, spec.levels, spec.seed);
      default: return {};
    }
  };
  switch (spec.design) {
    case DesignKind::grid: {
      // Every combination; the last axis varies fastest.
      std::vector<std::size_t> at(dimensions, 0);
      for (;;) {
        std::vector<double> values;
        for (std::size_t d = 0; d < dimensions; ++d) values.push_back(spec.axes[d].values[at[d]]);
        add(values);
        std::size_t d = dimensions;
        while (d > 0 && ++at[d - 1] == spec.axes[d - 1].values.size()) at[--d] = 0;
        if (d == 0) break;
      }
      break;
    }
    case DesignKind::values:
      for (std::size_t i = 0; i < spec.axes.front().values.size(); ++i) {
        std::vector<double> values;
        for (const auto& axis : spec.axes) values.push_back(axis.values[i]);
        add(values);
      }
      break;
    case DesignKind::lhs:
    case DesignKind::sobol:
    case DesignKind::saltelli:
    case DesignKind::morris: {
      for (const auto& u : unit_points()) {
        std::vector<double> values;
        // Clamped: min + 1 (max - min) can round one ulp past max, which may be the parameter's bound.
        for (std::size_t d = 0; d < dimensions; ++d)
          values.push_back(std::min(spec.axes[d].max, spec.axes[d].min + u[d] * (spec.axes[d].max - spec.axes[d].min)));
        add(values);
      }
      break;
    }
    case DesignKind::csv: break;
  }
  return design;
}

std::uint64_t cell_seed(std::uint64_t sweep_seed, std::uint64_t point, std::uint64_t replicate) {
  const auto mix = [](std::uint64_t x) { return splitmix64(x); };
  return mix(mix(mix(sweep_seed) ^ point) ^ replicate);
}

std::vector<SweepCell> sweep_cells(const Design& design, std::uint64_t replicates, std::uint64_t sweep_seed,
                                   SeedScheme seeds) {
  std::vector<SweepCell> cells;
  for (std::uint64_t point = 0; point < design.points.size(); ++point)
    for (std::uint64_t r = 0; r < replicates; ++r) {
      const std::uint64_t seed_point = seeds == SeedScheme::common ? 0 : point;
      cells.push_back({point * replicates + r, point, r, cell_seed(sweep_seed, seed_point, r)});
    }
  return cells;
}

}  // namespace attune

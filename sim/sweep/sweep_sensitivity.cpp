#include "sim/sweep/sweep_sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "analysis/statistics/sensitivity.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/csv_format.hpp"
#include "sim/sweep/cell_values.hpp"
#include "sim/sweep/sweep_output.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

/// Bootstrap resamples of every interval: with 1000 the 2.5 % and 97.5 % quantiles
/// rest on 25 resampled estimates each (Efron & Tibshirani 1993, ch. 13 advise 1000 for
/// percentile intervals), and the analysis stays a small fraction of any sweep's time.
constexpr std::size_t kResamples = 1000;
/// The bootstrap's fixed seed: indices.csv is a pure function of cells.csv.
constexpr std::uint64_t kBootstrapSeed = 0x53454e5349544956ULL;  // "SENSITIV"

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// The design as design.json describes it.
struct SensitivityDesign {
  DesignKind kind = DesignKind::saltelli;
  std::vector<std::string> parameters;
  std::vector<double> min, max;
  std::size_t replicates = 1, samples = 0, trajectories = 0;
  bool second_order = false;

  std::size_t k() const { return parameters.size(); }
  std::size_t points() const {
    return kind == DesignKind::saltelli ? samples * sensitivity::saltelli_block(k(), second_order)
                                        : trajectories * (k() + 1);
  }
};

SensitivityDesign read_design_description(const fs::path& dir) {
  const fs::path path = dir / "design.json";
  std::ifstream in(path);
  if (!in)
    throw std::invalid_argument(dir.string() +
                                " is not a sweep folder (no design.json; sweeps of this attune write one)");
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    throw std::invalid_argument(path.string() + ": not valid JSON");
  SensitivityDesign design;
  const std::string kind = json.value("design", "");
  if (kind != design_name(DesignKind::saltelli) && kind != design_name(DesignKind::morris))
    throw std::invalid_argument(dir.string() + " holds a '" + kind +
                                "' sweep; attune analyze needs a sweep of design saltelli or morris");
  design.kind = kind == design_name(DesignKind::saltelli) ? DesignKind::saltelli : DesignKind::morris;
  for (const auto& axis : json.at("axes")) {
    design.parameters.push_back(axis.at("parameter").get<std::string>());
    design.min.push_back(axis.at("min").get<double>());
    design.max.push_back(axis.at("max").get<double>());
  }
  design.replicates = json.at("replicates").get<std::size_t>();
  design.samples = json.value("samples", std::size_t{0});
  design.second_order = json.value("second_order", false);
  design.trajectories = json.value("trajectories", std::size_t{0});
  return design;
}

/// An output of cells.csv: every column after `seed` but the counts (n_...) and the
/// interval bounds (..._ci_lo, ..._ci_hi).
bool is_output_column(const std::string& name) {
  const auto ends_with = [&name](const std::string& tail) {
    return name.size() >= tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  return name.rfind("n_", 0) != 0 && !ends_with("_ci_lo") && !ends_with("_ci_hi");
}

/// Each output's value at each design point: the mean of the point's replicates, NaN
/// when a replicate failed (it has no row) or has no value.
struct PointOutputs {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  ///< [output][point]
  std::vector<bool> finished;               ///< [point]: every replicate has a row (none failed)
};

PointOutputs read_point_outputs(const fs::path& dir, const SensitivityDesign& design) {
  const std::size_t cells = design.points() * design.replicates;
  const CellValues table = read_cell_values(dir / "cells.csv", cells);
  const auto& header = table.header;
  const auto seed = std::find(header.begin(), header.end(), "seed");
  if (seed == header.end())
    throw std::invalid_argument((dir / "cells.csv").string() + ": not a cells.csv written by attune sweep");
  std::vector<std::size_t> columns;
  PointOutputs outputs;
  for (auto at = seed + 1; at != header.end(); ++at)
    if (is_output_column(*at)) {
      columns.push_back(static_cast<std::size_t>(at - header.begin()));
      outputs.names.push_back(*at);
    }
  const auto& has_row = table.has_row;
  for (std::size_t p = 0; p < design.points(); ++p)
    outputs.finished.push_back(
        std::all_of(has_row.begin() + static_cast<std::ptrdiff_t>(p * design.replicates),
                    has_row.begin() + static_cast<std::ptrdiff_t>((p + 1) * design.replicates),
                    [](bool row) { return row; }));
  outputs.values.assign(columns.size(), std::vector<double>(design.points(), 0.0));
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t p = 0; p < design.points(); ++p) {
      for (std::size_t r = 0; r < design.replicates; ++r)
        outputs.values[c][p] += table.rows[p * design.replicates + r][columns[c]];
      outputs.values[c][p] /= static_cast<double>(design.replicates);  // NaN stays NaN
    }
  return outputs;
}

/// One row of indices.csv.
void write_index(std::ostream& out, const std::string& output, const std::string& parameter,
                 const char* index, const sensitivity::Estimate& estimate, std::size_t n) {
  write_csv_text(out, output);
  out << ',';
  write_csv_text(out, parameter);
  out << ',' << index << ',';
  write_csv_number(out, estimate.value);
  out << ',';
  write_csv_number(out, estimate.lo);
  out << ',';
  write_csv_number(out, estimate.hi);
  out << ',' << n << '\n';
}

/// S1 and ST of every parameter, then S2 of every pair.
void write_sobol(std::ostream& out, const std::string& output, const std::vector<double>& y,
                 const SensitivityDesign& design, std::size_t& rows) {
  const auto split = sensitivity::split_saltelli(y, design.k(), design.second_order);
  const auto indices = sensitivity::sobol_indices(split, kResamples, kBootstrapSeed);
  const std::size_t n = split.a.size();
  for (std::size_t i = 0; i < design.k(); ++i) {
    write_index(out, output, design.parameters[i], "S1", indices.first[i], n);
    write_index(out, output, design.parameters[i], "ST", indices.total[i], n);
    rows += 2;
  }
  for (std::size_t i = 0; i < indices.second.size(); ++i)
    for (std::size_t m = i + 1; m < indices.second.size(); ++m, ++rows)
      write_index(out, output, design.parameters[i] + ":" + design.parameters[m], "S2", indices.second[i][m],
                  n);
}

/// Every trajectory's points in unit-cube coordinates, from design.csv's values.
std::vector<std::vector<std::vector<double>>> trajectory_points(const fs::path& dir,
                                                                const SensitivityDesign& design) {
  const CellTable table = read_cell_table(dir / "design.csv");
  if (table.rows.size() != design.points() * design.replicates || table.axes != design.parameters)
    throw std::invalid_argument(dir.string() + ": design.csv does not match design.json");
  std::vector<std::vector<std::vector<double>>> trajectories(design.trajectories);
  for (std::size_t p = 0; p < design.points(); ++p) {
    std::vector<double> unit(design.k());
    for (std::size_t i = 0; i < design.k(); ++i)
      unit[i] = (cell_field_value(table.rows[p * design.replicates].values[i]) - design.min[i]) /
                (design.max[i] - design.min[i]);
    trajectories[p / (design.k() + 1)].push_back(std::move(unit));
  }
  return trajectories;
}

/// mu_star, mu and sigma of every parameter.
void write_morris(std::ostream& out, const std::string& output, const std::vector<double>& y,
                  const SensitivityDesign& design,
                  const std::vector<std::vector<std::vector<double>>>& points, std::size_t& rows) {
  std::vector<sensitivity::MorrisTrajectory> trajectories;
  const std::size_t length = design.k() + 1;
  for (std::size_t t = 0; t < points.size(); ++t)
    trajectories.push_back({{y.begin() + static_cast<std::ptrdiff_t>(t * length),
                             y.begin() + static_cast<std::ptrdiff_t>((t + 1) * length)},
                            sensitivity::morris_steps(points[t])});
  const auto indices = sensitivity::morris_indices(trajectories, design.k(), kResamples, kBootstrapSeed);
  const std::size_t n = indices.trajectories;
  for (std::size_t i = 0; i < design.k(); ++i, rows += 3) {
    write_index(out, output, design.parameters[i], "mu_star", indices.mu_star[i], n);
    write_index(out, output, design.parameters[i], "mu", {indices.mu[i], kMissing, kMissing}, n);
    write_index(out, output, design.parameters[i], "sigma", {indices.sigma[i], kMissing, kMissing}, n);
  }
}

}  // namespace

bool has_indices(DesignKind kind) { return kind == DesignKind::saltelli || kind == DesignKind::morris; }

bool sweep_has_indices(const fs::path& dir) {
  std::ifstream in(dir / "design.json");
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return false;
  const std::string kind = json.value("design", "");
  return kind == design_name(DesignKind::saltelli) || kind == design_name(DesignKind::morris);
}

nlohmann::json design_description(const SweepSpec& spec) {
  nlohmann::json json{{"design", design_name(spec.design)}, {"replicates", spec.replicates}};
  json["axes"] = nlohmann::json::array();
  for (const auto& axis : spec.axes)
    json["axes"].push_back({{"parameter", axis.parameter}, {"min", axis.min}, {"max", axis.max}});
  if (spec.design == DesignKind::saltelli) {
    json["samples"] = spec.samples;
    json["second_order"] = spec.second_order;
  }
  if (spec.design == DesignKind::morris) {
    json["trajectories"] = spec.trajectories;
    json["levels"] = spec.levels;
  }
  return json;
}

IndicesSummary write_indices(const fs::path& dir) {
  const SensitivityDesign design = read_design_description(dir);
  const PointOutputs outputs = read_point_outputs(dir, design);
  IndicesSummary summary{design_name(design.kind), outputs.names.size(), design.k(), 0, 0, 0};
  summary.of = design.kind == DesignKind::saltelli ? design.samples : design.trajectories;
  const std::size_t block = design.points() / std::max<std::size_t>(summary.of, 1);
  for (std::size_t start = 0; start + block <= design.points(); start += block)
    summary.used += std::all_of(outputs.finished.begin() + static_cast<std::ptrdiff_t>(start),
                                outputs.finished.begin() + static_cast<std::ptrdiff_t>(start + block),
                                [](bool done) { return done; });
  const auto points = design.kind == DesignKind::morris ? trajectory_points(dir, design)
                                                        : std::vector<std::vector<std::vector<double>>>{};
  AtomicFile file((dir / "indices.csv").string());
  auto& out = file.stream();
  out << "output,parameter,index,estimate,ci_lo,ci_hi,n\n";
  for (std::size_t c = 0; c < outputs.names.size(); ++c) {
    if (design.kind == DesignKind::saltelli)
      write_sobol(out, outputs.names[c], outputs.values[c], design, summary.rows);
    else
      write_morris(out, outputs.names[c], outputs.values[c], design, points, summary.rows);
  }
  file.commit();
  return summary;
}

}  // namespace attune

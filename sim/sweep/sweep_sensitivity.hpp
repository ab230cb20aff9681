#pragma once
/// A saltelli or morris sweep's sensitivity indices: the description of the design the
/// sweep folder keeps (design.json), and indices.csv computed from its cells.csv.
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/sweep/sweep_spec.hpp"

namespace attune {

/// design.json: the design's kind and what an analysis needs to read the cells back as a
/// design (axes with their ranges, replicates, base rows and second order, trajectories and levels).
nlohmann::json design_description(const SweepSpec& spec);

/// True for the designs `attune analyze` computes indices of (saltelli, morris).
bool has_indices(DesignKind kind);

/// True when DIR's design.json describes a saltelli or morris sweep.
bool sweep_has_indices(const std::filesystem::path& dir);

/// What write_indices did, for the command's one-line account.
struct IndicesSummary {
  std::string design;                                 ///< "saltelli" or "morris"
  std::size_t outputs = 0, parameters = 0, rows = 0;  ///< rows of indices.csv
  std::size_t used = 0, of = 0;  ///< base rows or trajectories without a failed cell, of all
};

/// Writes DIR/indices.csv (atomically) from DIR/design.json, design.csv and cells.csv:
/// for every output column of cells.csv and every parameter, S1, ST (and S2) or mu_star,
/// mu and sigma. Replicates of a point are averaged; a base row or trajectory with a
/// failed cell (or an NA output) is left out of that output's indices. Throws
/// std::invalid_argument when DIR is not the folder of a saltelli or morris sweep.
IndicesSummary write_indices(const std::filesystem::path& dir);

}  // namespace attune

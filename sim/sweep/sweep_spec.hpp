#pragma once
/// A sweep file: a base scenario, run settings that override it, and the design whose
/// points set parameters of the table, each run `replicates` times. Read by a strict
/// loader that reports every problem with file, line and key, like the scenario loader.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/study_file.hpp"

namespace attune {

/// The most cells (design points x replicates) a sweep may have, and the most values its
/// design may hold (points x axes): counted from the file before any point is made, so an
/// astronomical grid is refused instead of exhausting memory.
inline constexpr std::uint64_t kMaxSweepCells = 1'000'000;
inline constexpr std::uint64_t kMaxDesignValues = 10'000'000;

enum class DesignKind { grid, values, lhs, sobol, csv, saltelli, morris };

/// How cells get their seeds: each its own (`per_cell`), or the same for every design
/// point of a replicate (`common`: common random numbers, so two cells differ only in
/// their parameters, not in their dyads' luck).
enum class SeedScheme { per_cell, common };

/// One swept parameter and the values the file gives it.
struct SweepAxis {
  std::string parameter;        ///< "group.name" of the parameter table
  std::vector<double> values;   ///< explicit values, or the grid's steps (grid, values)
  double min = 0, max = 0;      ///< the range sampled (lhs, sobol, saltelli, morris)
};

/// A sweep: its shared settings (name, base, dyads per cell, span, Strange Situation ages,
/// seed) and its design.
struct SweepSpec : StudySettings {
  std::string file;          ///< the sweep file as given
  std::string text;          ///< its bytes
  std::uint64_t replicates = 1;
  SeedScheme seeds = SeedScheme::per_cell;
  DesignKind design = DesignKind::grid;
  std::uint64_t samples = 0;     ///< lhs, sobol; saltelli: base rows
  bool second_order = false;     ///< saltelli: add the BA points for second-order indices
  std::uint64_t trajectories = 0;  ///< morris
  std::uint64_t levels = 4;        ///< morris: grid levels (even)
  std::string design_file;       ///< csv: resolved against the sweep file's folder
  std::vector<SweepAxis> axes;   ///< empty for csv (its header names them)
};

/// Why a design of `points` points over `axes` axes, each run `replicates` times, is too
/// large (naming the limit), or "" when it fits. Overflow-safe for any counts.
std::string design_size_problem(std::uint64_t points, std::uint64_t axes, std::uint64_t replicates);

/// Reads and checks a sweep file; throws ScenarioError listing every issue found.
SweepSpec load_sweep(const std::string& path);

/// The design kind's name as written in a sweep file.
const char* design_name(DesignKind kind);

}  // namespace attune

#pragma once
/// `attune sweep` and `attune merge`.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario_overrides.hpp"

namespace attune {

struct SweepArguments {
  std::string file;
  std::string out;        ///< default out/<sweep name> (out/<name>.shard-I-of-N for a shard)
  bool resume = false;
  std::string shard;      ///< "I/N", empty for all cells
  int threads = 0;
  bool keep_dyads = false;
  bool compress = false;  ///< kept dyads.csv gzip-compressed; needs keep_dyads
  std::uint64_t dyads = 0;  ///< per cell, overriding the sweep file; 0 = the file's
  std::vector<std::string> set;  ///< --set texts, applied to the base of every cell
};

/// Whether a YAML file is a sweep file (a map with a `base:` key and `design:` or `axes:`)
/// rather than a scenario (which may name a base scenario too).
bool is_sweep_file(const std::string& path);

/// Every problem of a sweep file, as `file:line:column: ...` lines: the sweep file's own
/// keys, its base scenario with the sweep's settings and `overrides`, and each design row
/// that cannot be used. Empty if the sweep can run.
std::vector<std::string> validate_sweep(const std::string& path, const std::vector<ScenarioOverride>& overrides = {});

/// Runs a sweep; returns the exit status (0; 3 when cells failed; 2 for a folder it must not write into).
/// Throws ScenarioError for an invalid sweep file, base scenario or design file, and
/// std::invalid_argument for a malformed --shard.
int sweep_command(const SweepArguments& args, const std::string& command_line);

/// Joins shard folders into `out`; returns the exit status.
int merge_command(const std::string& out, const std::vector<std::string>& shards, const std::string& command_line);

}  // namespace attune

#pragma once
/// `attune calibrate`.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario_overrides.hpp"

namespace attune {

struct CalibrateArguments {
  std::string file;
  std::string out;          ///< default out/<calibration name>
  bool resume = false;
  std::string shard;        ///< "I/N": this SLURM array task's cells of the next unfinished stage
  int threads = 0;
  std::uint64_t dyads = 0;  ///< per simulation, overriding the file; 0 = the file's
  std::vector<std::string> set;  ///< --set texts, applied to the base of every simulation
};

/// Every problem of a calibration file with `overrides` on its base, as `file:line:column: ...`
/// lines; empty if it can run.
std::vector<std::string> validate_calibration(const std::string& path, const std::vector<ScenarioOverride>& overrides);

/// Runs a calibration; returns the exit status (0; 3 when cells failed; 4 when history
/// matching ruled out every point). Throws ScenarioError for an invalid file.
int calibrate_command(const CalibrateArguments& args, const std::string& command_line);

}  // namespace attune

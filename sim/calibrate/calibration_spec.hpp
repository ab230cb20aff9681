#pragma once
/// A calibration file: a base scenario, the free parameters with their ranges, the
/// targets with their uncertainty, and how the search runs (history matching in waves,
/// then ABC). Read by the same strict loader as scenarios and sweeps: every problem is
/// reported with file, line and key.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/calibration/calibration_targets.hpp"
#include "sim/sweep/study_file.hpp"

namespace attune {

/// A parameter the calibration searches over. `name` is "group.name" (the parameter fixed
/// for every dyad, as a sweep's axis) or "group.name.field" (a field of the base scenario's
/// population distribution of that parameter, such as its mean, so dyads keep their spread).
struct FreeParameter {
  std::string name;
  double min = 0, max = 0;
  bool log_scale = false;  ///< searched uniformly in log(value)

  /// The value at unit-cube coordinate u in [0, 1].
  double value_at(double u) const;
  /// The unit-cube coordinate of `value` (its inverse).
  double unit_of(double value) const;
};

enum class AbcMethod { smc, rejection };

/// A calibration: its shared settings (name, base, dyads per simulation, span, Strange
/// Situation ages, seed), free parameters, targets and method.
struct CalibrationSpec : StudySettings {
  std::string file;  ///< as given
  std::string text;  ///< its bytes
  std::vector<FreeParameter> parameters;
  std::vector<calibration::TargetComponent> targets;

  // history_matching:
  std::uint64_t waves = 3;
  std::uint64_t points = 0;       ///< per wave; default 10 per free parameter (Loeppky, Sacks & Welch 2009)
  std::uint64_t replicates = 2;   ///< runs of each wave point: their spread is the simulation variance
  double cutoff = 3.0;            ///< max implausibility ruled out above (Pukelsheim's three-sigma rule)
  std::uint64_t candidates = 0;   ///< screened per wave by the emulators; default 200 per wave point

  // abc:
  AbcMethod abc = AbcMethod::smc;
  std::uint64_t particles = 100;  ///< kept per generation
  std::uint64_t generations = 3;  ///< smc; rejection runs one
  /// Share of each generation's proposals kept: the tolerance is this quantile of their
  /// distances. With half kept the tolerance stalls near twice the simulation's noise
  /// (tests/analysis/statistics/abc_smc_test.cpp); a quarter gets close to it.
  double keep = 0.25;
};

/// Reads and checks a calibration file (and that the base scenario, with `overrides`, takes
/// every free parameter at both ends of its range); throws ScenarioError listing every
/// issue found, or naming an override that sets a free parameter.
CalibrationSpec load_calibration(const std::string& path, const std::vector<ScenarioOverride>& overrides = {});

/// True when a YAML file is a calibration file (it has `targets:`, which neither a scenario
/// nor a sweep has).
bool is_calibration_file(const std::string& path);

}  // namespace attune

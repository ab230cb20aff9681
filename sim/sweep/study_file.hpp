#pragma once
/// What a sweep file and a calibration file share: read whole as one YAML document by the
/// strict loader, and the keys that set up the runs they make from a base scenario (name,
/// base, dyads, span_days, strange_situation_months, sensitivity_observation_months, seed).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario_overrides.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune {

/// A key of a sweep or calibration file that overrides a key of its base scenario, so an
/// issue the scenario loader finds there is reported at this file's line, not the base's.
struct OverrideSite {
  std::string scenario_key;  ///< the key in the base scenario ("dyads", "assessments.strange_situation.ages_months[0]")
  ScenarioIssue at;          ///< where the file writes it (file, line, column, key); no message
};

struct StudySettings {
  std::string name;  ///< `name:`, or the file's stem
  std::string base;  ///< the base scenario's path, resolved against the file's folder
  std::optional<std::uint64_t> dyads;
  std::optional<int> span_days;
  std::optional<std::vector<double>> strange_situation_months;
  /// The ages of the base's observations of caregiver sensitivity (a shorter span may need fewer; [] for none).
  std::optional<std::vector<double>> sensitivity_observation_months;
  std::uint64_t seed = 1;
  std::vector<OverrideSite> overrides;  ///< where each key set on the base is written
  /// Parameters set on the base beside the file (`--set`), before each point's values.
  std::vector<ScenarioOverride> parameter_overrides;
};

/// `path` relative to the folder of `file` (as written in it), unless absolute.
std::string beside_file(const std::string& file, const std::string& path);

/// Reads the shared keys from a file's top-level entries; `runs` names what the base starts
/// ("cell", "simulation") in the message for a missing base.
StudySettings read_study_settings(const scenario_detail::Located& root, const std::vector<scenario_detail::Located>& entries,
                                  const std::string& file, const std::string& runs, scenario_detail::Issues& issues);

/// `issues` with each one about a key the settings override (or a key under it) moved to
/// where the sweep or calibration file writes it.
std::vector<ScenarioIssue> at_overrides(std::vector<ScenarioIssue> issues, const StudySettings& settings);

/// Reads `path` whole into `text` and hands its one YAML document to `read`; throws
/// ScenarioError with every issue found (`kind` names the file in messages: "sweep file").
void load_study_file(const std::string& path, const std::string& kind, std::string& text,
                     const std::function<void(const scenario_detail::Located&, scenario_detail::Issues&)>& read);

}  // namespace attune

#pragma once
/// A scenario: the run's settings and how the model's parameters vary across
/// dyads, read from YAML by a strict loader that reports every problem at once.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/intervention.hpp"
#include "sim/scenario/distribution.hpp"

namespace YAML {
class Node;
}

namespace attune {

/// One problem in a scenario file, located for an editor.
struct ScenarioIssue {
  std::string file;
  int line = 0;     ///< 1-based; 0 when the problem is the file as a whole
  int column = 0;   ///< 1-based; 0 with line 0
  std::string key;  ///< dotted path such as "population.caregiver.detection"; may be empty
  std::string message;
  /// "file:line:col: key 'a.b': message" (just "file: message" for line 0).
  std::string to_string() const;
};

/// Thrown by load_scenario; what() lists every issue, one a line.
class ScenarioError : public std::runtime_error {
 public:
  /// Takes all the issues found; there is at least one.
  explicit ScenarioError(std::vector<ScenarioIssue> issues);
  std::vector<ScenarioIssue> issues;
};

/// How one parameter of the table varies across dyads.
struct ParameterDraw {
  std::size_t parameter = 0;  ///< index into parameter_table()
  Distribution distribution;
  bool operator==(const ParameterDraw&) const = default;
};

/// A Gaussian-copula correlation between two drawn parameters (a < b, table indices).
struct Correlation {
  std::size_t a = 0;
  std::size_t b = 0;
  double rho = 0;
  bool operator==(const Correlation&) const = default;
};

/// Ages at which the Strange Situation is run; empty = not run.
struct StrangeSituationPlan {
  std::vector<double> ages_months;
  bool operator==(const StrangeSituationPlan&) const = default;
};

/// One arm of a randomized comparison: the same dyads (seeds and ids) under a set of
/// interventions. The untreated arm is named "control" and has none.
struct Arm {
  std::string name;
  std::vector<std::string> intervention_names;  ///< one per entry of plan, in file order
  InterventionPlan plan;
};

inline constexpr std::size_t kMaxArms = 16;

/// The longest life a scenario may simulate, in days (three years).
inline constexpr int kMaxSpanDays = 1100;
/// The most dyads one run (or one cell of a sweep) may simulate: the summaries stream, so
/// memory does not grow with it, but time and dyads.csv do (about a day on 16 cores).
inline constexpr std::uint64_t kMaxDyadsPerRun = 100'000'000;

/// The still-face paradigm's schedule; not run unless `scheduled`.
struct StillFacePlan {
  bool scheduled = false;
  double age_months = 0;
  int phase_seconds = 120;  ///< two minutes a phase, as in Tronick et al. (1978)
  bool operator==(const StillFacePlan&) const = default;
};

/// The observations of caregiver sensitivity (free play or a home visit, coded on
/// Ainsworth's 9-point scale); not run unless ages are given.
struct SensitivityObservationPlan {
  std::vector<double> ages_months;  ///< ascending, at most kMaxSensitivityObservations
  int minutes = 15;                 ///< length of each observation
  bool scheduled() const { return !ages_months.empty(); }
  bool operator==(const SensitivityObservationPlan&) const = default;
};

/// One caregiver of a family section.
struct FamilyCaregiverSpec {
  std::string name;
  double share_of_bouts = 0;
  /// The caregiver's own draws of caregiver-group parameters, in table order (empty for
  /// the first caregiver, who is the population's); the rest are table defaults.
  std::vector<ParameterDraw> draws;
  /// Correlation (Gaussian copula) of each drawn trait with the same trait of the first
  /// caregiver where both are drawn: partners resemble each other. In [0, 1).
  double resemblance = 0;
  bool operator==(const FamilyCaregiverSpec&) const = default;
};

/// A directed tie between two members (indices: caregivers in order, then supports).
struct FamilyEdgeSpec {
  std::size_t from = 0, to = 0;
  double stress = 0, support = 0;
  bool operator==(const FamilyEdgeSpec&) const = default;
};

/// The family section; no caregivers = no family (one caregiver, as without the section).
struct FamilySpec {
  std::vector<FamilyCaregiverSpec> caregivers;
  std::vector<std::string> supports;
  std::vector<FamilyEdgeSpec> edges;
  bool present() const { return !caregivers.empty(); }
  /// A member's name by its index (caregivers, then supports).
  const std::string& member(std::size_t index) const {
    return index < caregivers.size() ? caregivers[index].name : supports[index - caregivers.size()];
  }
  bool operator==(const FamilySpec&) const = default;
};

/// A loaded, validated scenario.
struct Scenario {
  std::string file;                ///< path as given
  std::vector<std::string> bases;  ///< the chain of `base:` files under it, nearest first (paths as resolved)
  std::string text;                ///< the file's bytes
  /// Hex SHA-256 of the bytes of the file and its bases, concatenated in that order
  /// (`cat file base ... | sha256sum`): everything that determines the results.
  std::string sha256;
  std::string name, description;
  std::uint64_t seed = 1;
  std::uint64_t dyads = 1000;
  int span_days = 0, bouts_per_day = 0, bout_seconds = 0;
  std::vector<ParameterDraw> population;  ///< only parameters the file mentions, in table order
  std::vector<Correlation> correlations;  ///< in file order
  StrangeSituationPlan strange_situation;
  std::vector<Arm> arms;  ///< empty: one population, no comparison
  StillFacePlan still_face;
  SensitivityObservationPlan sensitivity_observation;
  FamilySpec family;
  /// Parameters set beside the file (`--set`, Python's overrides=), as "group.name=value"
  /// in the order applied: the file's bytes (and sha256) do not show them.
  std::vector<std::string> overrides;
};

/// Reads and checks a scenario file, merged over the chain of scenarios its `base:` key
/// names (maps merge key by key; scalars, lists and a parameter's distribution replace);
/// throws ScenarioError listing every issue found, each in the file that wrote it.
Scenario load_scenario(const std::string& path);

/// Reads a scenario file after `edit` has changed its YAML tree, merged over its bases
/// (a sweep's overrides), so the edited values meet the same checks; text and sha256 stay
/// those of the files.
/// Issues in untouched nodes keep their line; in edited ones they name only the key.
Scenario load_scenario(const std::string& path, const std::function<void(YAML::Node&)>& edit);

/// The same for YAML held in memory; `file` names it in the issues, and a `base:` in it is
/// relative to its folder.
Scenario load_scenario_text(const std::string& file, const std::string& text);

/// The bytes of the scenario file at `path` (as a chain resolves it), or nullopt with the
/// reason ("not found", ...).
using ScenarioFileReader = std::function<std::optional<std::string>(const std::string& path, std::string& reason)>;

/// load_scenario_text whose bases are read by `read_base` instead of from disk (texts
/// compiled into the binary), after `edit` (if any) has changed the merged tree.
Scenario load_scenario_text(const std::string& file, const std::string& text, const ScenarioFileReader& read_base,
                            const std::function<void(YAML::Node&)>& edit);

/// Every issue in a scenario file; empty if it is valid.
std::vector<ScenarioIssue> validate_scenario(const std::string& path);

/// Every issue in a scenario file after `edit` has changed its YAML tree, as load_scenario
/// with `edit` finds them.
std::vector<ScenarioIssue> validate_scenario(const std::string& path, const std::function<void(YAML::Node&)>& edit);

/// The scenario with every setting in force and every parameter of the table
/// (drawn or at its default), as YAML that load_scenario reads back to the same draws.
std::string resolved_scenario_yaml(const Scenario& scenario);

}  // namespace attune

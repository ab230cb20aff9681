#pragma once
/// A scenario: the run's settings and how the model's parameters vary across
/// dyads, read from YAML by a strict loader that reports every problem at once.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/distribution.hpp"

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

/// A loaded, validated scenario.
struct Scenario {
  std::string file;    ///< path as given
  std::string text;    ///< the file's bytes
  std::string sha256;  ///< hex SHA-256 of text
  std::string name, description;
  std::uint64_t seed = 1;
  std::uint64_t dyads = 1000;
  int span_days = 0, bouts_per_day = 0, bout_seconds = 0;
  std::vector<ParameterDraw> population;  ///< only parameters the file mentions, in table order
  std::vector<Correlation> correlations;  ///< in file order
  StrangeSituationPlan strange_situation;
};

/// Reads and checks a scenario file; throws ScenarioError listing every issue found.
Scenario load_scenario(const std::string& path);

/// The same for YAML held in memory; `file` names it in the issues.
Scenario load_scenario_text(const std::string& file, const std::string& text);

/// Every issue in a scenario file; empty if it is valid.
std::vector<ScenarioIssue> validate_scenario(const std::string& path);

/// The scenario with every setting in force and every parameter of the table
/// (drawn or at its default), as YAML that load_scenario reads back to the same draws.
std::string resolved_scenario_yaml(const Scenario& scenario);

}  // namespace attune

#pragma once
/// The teaching page's sliders: each one moves a documented part of the normative
/// scenario's population (scenarios/normative.yaml, parameters in models/parameters.csv),
/// and the scenario a run uses is that file with the sliders' overrides applied.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// One slider.
struct TeachingControl {
  std::string id;           ///< the query key
  std::string label;        ///< what the page shows
  double min = 0, max = 0, step = 0;
  double normative = 0;     ///< the value scenarios/normative.yaml has
  std::string maps_to;      ///< what it changes, for the page and README
};

/// The sliders, in page order.
const std::vector<TeachingControl>& teaching_controls();

/// A slider value the page may not send (unknown, not a number, out of range).
class ControlError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The normative scenario with the given slider values (id -> value; absent ids keep
/// the normative value) and `dyads`; throws ControlError for an unknown id or a value
/// outside the slider's range.
Scenario teaching_scenario(const std::map<std::string, double>& values, std::uint64_t dyads);

/// The bytes of scenarios/normative.yaml, compiled in.
extern const char* const kNormativeScenarioYaml;

}  // namespace attune::serve

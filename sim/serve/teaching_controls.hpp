#pragma once
/// The teaching page's sliders: each one moves a documented part of a preset's population
/// (scenarios/<preset>.yaml, parameters in models/parameters.csv), and the scenario a run
/// uses is that preset with the sliders' overrides applied.
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

/// The preset's scenario (sim/serve/preset.hpp; default normative) with the given slider
/// values (id -> value) and `dyads`. A slider absent, or at the preset's own value (within
/// half its step: preset_control_values), leaves the preset as it is; a moved one edits the
/// preset's tree after its bases are merged in (a mean slider keeps the preset's spread)
/// and is recorded in Scenario::overrides as the `--set` settings it amounts to, since
/// the preset's files and sha256 do not show it. Throws ControlError for an unknown preset
/// or slider id, a moved value outside the slider's range, or one the preset's
/// distribution cannot take (naming the key).
Scenario teaching_scenario(const std::map<std::string, double>& values, std::uint64_t dyads,
                           const std::string& preset = "normative");

/// Each slider's value in the preset `preset` (what it starts at there; read once per preset).
std::map<std::string, double> preset_control_values(const std::string& preset);

}  // namespace attune::serve

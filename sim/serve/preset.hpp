#pragma once
/// The teaching page's presets: shipped scenarios (scenarios/<id>.yaml, listed in
/// CMakeLists.txt) compiled into the binary and read by the scenario loader, their bases
/// taken from the same compiled-in texts, never from disk.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace YAML {
class Node;
}

namespace attune::serve {

/// One preset: its id (the file's stem) and the file's bytes.
struct PresetText {
  std::string_view id;
  std::string_view text;
};

/// Every preset, in the page's order (generated from CMakeLists.txt's list).
const std::vector<PresetText>& preset_texts();

/// The preset `id`; throws ControlError naming the known ids when there is none.
const PresetText& find_preset(const std::string& id);

/// Loads `preset` as scenarios/<id>.yaml, merged over its bases, after `edit` (if any) has
/// changed the merged tree (the sliders); throws ScenarioError as load_scenario does.
Scenario load_preset(const PresetText& preset, const std::function<void(YAML::Node&)>& edit = nullptr);

}  // namespace attune::serve

#pragma once
/// Scenario inheritance: a scenario that says `base: other.yaml` states only what differs.
/// Its YAML tree is merged over its base's (maps key by key, scalars and lists replaced,
/// a parameter's distribution replaced whole), down a chain of bases, and every part of
/// the merged tree remembers which file wrote it, so issues name that file.
/// Internal to sim/scenario/scenario.cpp.
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace attune::scenario_detail {

/// Which file of a chain wrote each part of a merged tree, by dotted key path: a part
/// belongs to the file recorded for its nearest recorded ancestor (or itself).
class Origins {
 public:
  /// Everything written by `file`.
  explicit Origins(const std::string& file) { by_path_[""] = file; }
  /// The file that wrote the node at `path` (an issue's key).
  const std::string& file_of(std::string_view path) const;
  /// `file` wrote the node at `path` and everything under it.
  void wrote_all(const std::string& path, const std::string& file);
  /// `file` wrote the node at `path`; what lies under it keeps its own origins.
  void wrote(const std::string& path, const std::string& file) { by_path_[path] = file; }

 private:
  std::map<std::string, std::string, std::less<>> by_path_;
};

/// A scenario file's tree with its chain of bases merged in.
struct Chain {
  std::optional<YAML::Node> root;  ///< the merged tree; none when an issue stops the load
  Origins origins;
  std::vector<std::string> files;  ///< the file named first, then its base, that base's base, ...
  std::vector<std::string> texts;  ///< each file's bytes, in the same order
};

/// The bytes of a scenario file, or nullopt with the reason ("not found", ...).
std::optional<std::string> read_scenario_bytes(const std::string& path, std::string& reason);

/// Parses `text` of `file` and, when it names a base, the chain of bases under it, each
/// base's bytes read by `read_base`. Issues of every file of the chain are appended to
/// `issues`, each naming its file.
Chain read_chain(const std::string& file, const std::string& text, std::vector<ScenarioIssue>& issues,
                 const ScenarioFileReader& read_base = read_scenario_bytes);

}  // namespace attune::scenario_detail

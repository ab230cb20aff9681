#include "sim/scenario/scenario_inherit.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <utility>

#include "sim/scenario/input_file.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {
namespace {

namespace fs = std::filesystem;

/// A file's identity for finding loops of bases: its canonical path, or, where the file
/// system cannot give one, its absolute normal form (never empty, so two unreadable files
/// never look like the same file).
fs::path file_identity(const fs::path& path) {
  std::error_code error;
  auto canonical = fs::weakly_canonical(path, error);
  if (!error) return canonical;
  auto absolute = fs::absolute(path, error);
  return (error ? path : absolute).lexically_normal();
}

std::string entry_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

/// The path one level up ("a.b[2]" -> "a.b", "a.b" -> "a", "a" -> "").
std::string_view parent_of(std::string_view path) {
  const auto cut = path.find_last_of(".[");
  return cut == std::string_view::npos ? std::string_view() : path.substr(0, cut);
}

/// A parameter's value (population.<group>.<name>) is one distribution: merging a
/// lognormal's keys into a beta's would make neither, so the child's replaces it whole.
bool replaced_whole(const std::string& path) {
  return path.rfind("population.", 0) == 0 && std::count(path.begin(), path.end(), '.') == 2;
}

/// The value of the first entry of `map` whose key is the plain name `name`, or an undefined node.
YAML::Node value_of(const YAML::Node& map, const std::string& name) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == name) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

/// Merges the base's map under the child's map, in place: the child's entries stay and
/// win, the base's others are added with their own nodes (so their lines stay theirs).
/// `origins` starts as the base's and ends as the merged tree's.
void merge_under(YAML::Node child, const YAML::Node& base, const std::string& path,
                 const Origins& base_origins, Origins& origins, const std::string& child_file) {
  // Each name's first value on either side, so merging maps of a million keys takes linear time.
  const auto first_values = [](const YAML::Node& map) {
    std::unordered_map<std::string, YAML::Node> values;
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.IsScalar()) values.emplace(it->first.Scalar(), it->second);
    return values;
  };
  const auto base_values = first_values(base), child_values = first_values(child);
  for (auto it = child.begin(); it != child.end(); ++it) {
    if (!it->first.IsScalar()) continue;  // the loader reports the key
    const std::string at = entry_path(path, it->first.Scalar());
    const auto found = base_values.find(it->first.Scalar());
    const YAML::Node under = found == base_values.end() ? YAML::Node(YAML::NodeType::Undefined) : found->second;
    if (it->second.IsMap() && under.IsMap() && !replaced_whole(at)) {
      origins.wrote(at, child_file);
      merge_under(it->second, under, at, base_origins, origins, child_file);
    } else {
      origins.wrote_all(at, child_file);
    }
  }
  for (auto it = base.begin(); it != base.end(); ++it) {
    if (it->first.IsScalar() && child_values.count(it->first.Scalar())) continue;
    if (it->first.IsScalar()) {
      const std::string at = entry_path(path, it->first.Scalar());
      origins.wrote(at, base_origins.file_of(at));
    }
    child.force_insert(it->first, it->second);
  }
}

/// Parses one file's text into its single document; nullopt after an issue that stops the load.
std::optional<YAML::Node> parse_document(const std::string& text, Issues& issues) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& error) {
    issues.add(error.mark, "", "YAML syntax error: " + error.msg);
    return std::nullopt;
  }
  if (documents.empty()) {
    issues.add_file("the file holds no YAML document");
    return std::nullopt;
  }
  if (documents.size() > 1)
    issues.add(documents[1].Mark(), "", "only one YAML document is allowed; remove the second '---'");
  if (!within_node_limit(documents.front())) {
    issues.add_file(node_limit_message());
    return std::nullopt;
  }
  return documents.front();
}

/// A file of the chain: its path as written for the reader and as the file system knows it.
struct Link {
  std::string file;
  fs::path canonical;
};

/// Reads a file and the chain of bases below it, merging as it returns.
class ChainReader {
 public:
  ChainReader(Chain& chain, std::vector<ScenarioIssue>& issues, const ScenarioFileReader& read_base)
      : chain_(chain), issues_(issues), read_base_(read_base) {}

  /// The merged tree of `file` and its bases, with origins; nullopt after an issue that stops the load.
  std::optional<std::pair<YAML::Node, Origins>> read(const std::string& file, const std::string& text) {
    chain_.files.push_back(file);
    chain_.texts.push_back(text);
    open_.push_back({file, file_identity(file)});
    Issues issues(file);
    auto merged = read_one(file, text, issues);
    open_.pop_back();
    auto found = issues.take();
    issues_.insert(issues_.end(), found.begin(), found.end());
    return merged;
  }

 private:
  Chain& chain_;
  std::vector<ScenarioIssue>& issues_;
  const ScenarioFileReader& read_base_;
  std::vector<Link> open_;  ///< the files being read, the first named first: a loop returns to one

  std::optional<std::pair<YAML::Node, Origins>> read_one(const std::string& file, const std::string& text,
                                                         Issues& issues) {
    auto root = parse_document(text, issues);
    if (!root) return std::nullopt;
    const YAML::Node base_value =
        root->IsMap() ? value_of(*root, "base") : YAML::Node(YAML::NodeType::Undefined);
    if (!base_value.IsDefined()) return std::pair{*root, Origins(file)};
    const Located at{base_value, "base", "base", base_mark(*root)};
    auto base = read_base(file, at, issues);
    if (!base) return std::nullopt;
    root->remove("base");
    Origins origins = base->second;
    origins.wrote("", file);
    merge_under(*root, base->first, "", base->second, origins, file);
    return std::pair{*root, std::move(origins)};
  }

  /// Where the `base` key is written.
  static YAML::Mark base_mark(const YAML::Node& root) {
    for (auto it = root.begin(); it != root.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == "base") return it->first.Mark();
    return root.Mark();
  }

  /// The merged tree of the base `at` names; nullopt after an issue in `file` (a bad
  /// path, a missing file, a loop, a base that is not a mapping) or in the base's own chain.
  std::optional<std::pair<YAML::Node, Origins>> read_base(const std::string& file, const Located& at,
                                                          Issues& issues) {
    const auto name = read_string(at, issues);
    if (!name) return std::nullopt;
    if (name->empty()) {
      issues.add(at, "name the base scenario's file (relative to this file)");
      return std::nullopt;
    }
    const fs::path written(*name);
    const std::string path =
        written.is_absolute() ? *name : (fs::path(file).parent_path() / written).lexically_normal().string();
    const fs::path canonical = file_identity(path);
    for (std::size_t i = 0; i < open_.size(); ++i) {
      if (open_[i].canonical != canonical) continue;
      std::string loop;
      for (std::size_t j = i; j < open_.size(); ++j) loop += open_[j].file + " -> ";
      issues.add(at, "the bases form a loop: " + loop + path);
      return std::nullopt;
    }
    std::string reason;
    const auto text = read_base_(path, reason);
    if (!text) {
      issues.add(at, "base scenario " + path + ": " + reason);
      return std::nullopt;
    }
    auto base = read(path, *text);
    if (base && !base->first.IsMap()) {
      issues.add(at, "base scenario " + path + " is not a mapping of keys");
      return std::nullopt;
    }
    return base;
  }
};

}  // namespace

const std::string& Origins::file_of(std::string_view path) const {
  for (;; path = parent_of(path)) {
    const auto found = by_path_.find(path);
    if (found != by_path_.end()) return found->second;
  }
}

void Origins::wrote_all(const std::string& path, const std::string& file) {
  for (auto it = by_path_.upper_bound(path); it != by_path_.end();) {
    const bool under = it->first.size() > path.size() && it->first.compare(0, path.size(), path) == 0 &&
                       (it->first[path.size()] == '.' || it->first[path.size()] == '[');
    it = under ? by_path_.erase(it) : std::next(it);
  }
  by_path_[path] = file;
}

std::optional<std::string> read_scenario_bytes(const std::string& path, std::string& reason) {
  return read_input_file(path, "scenario file", reason);
}

Chain read_chain(const std::string& file, const std::string& text, std::vector<ScenarioIssue>& issues,
                 const ScenarioFileReader& read_base) {
  Chain chain{std::nullopt, Origins(file), {}, {}};
  if (auto merged = ChainReader(chain, issues, read_base).read(file, text)) {
    chain.root.emplace(merged->first);
    chain.origins = std::move(merged->second);
  }
  return chain;
}

}  // namespace attune::scenario_detail

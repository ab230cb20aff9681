#pragma once
/// Building blocks of the strict scenario loader: YAML nodes with the dotted path
/// that names them, the list of issues found so far, and readers that report a
/// wrong type instead of throwing. Internal to sim/scenario/*.cpp and
/// sim/scenario/distribution_parse.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/scenario/scenario.hpp"

namespace attune::scenario_detail {

/// The longest text a scalar may hold (a name, a description, a distribution's kind): far
/// above any real one, and it bounds what a message quotes back.
inline constexpr std::size_t kMaxTextLength = 4096;

/// The longest name that gets a "did you mean" suggestion: the edit distance costs the
/// product of the lengths, and a name this long is no typo.
inline constexpr std::size_t kMaxSuggestedLength = 64;

/// The most nodes a YAML document may expand to, an alias counting its whole subtree at
/// each use: the loaders walk the expanded tree, so a few lines of nested aliases (an
/// alias bomb) would otherwise cost them exponential time.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

/// Whether `document` expands to at most kMaxYamlNodes nodes; stops counting past the
/// limit, so even an alias that contains itself is answered at once.
bool within_node_limit(const YAML::Node& document);

/// The issue for a document past kMaxYamlNodes.
std::string node_limit_message();

/// A YAML node and where it sits in the file.
struct Located {
  YAML::Node node;
  std::string path;     ///< dotted key path, e.g. "population.infant.reactivity"
  std::string name;     ///< the mapping key (empty for sequence items)
  YAML::Mark key_mark;  ///< the key's position (the node's own for sequence items)
  /// Where to point at the value: yaml-cpp puts an empty value on the next line, so the key.
  YAML::Mark mark() const;
};

class Origins;

/// The most issues listed for one file: enough for any real file, and a file of a million
/// wrong keys is not answered with a million lines (nor a suggestion computed for each).
inline constexpr std::size_t kMaxIssues = 200;

/// The issues found in one file (or one merged chain of files), in the order found; past
/// kMaxIssues only counted, and take() ends the list with how many more there were.
class Issues {
 public:
  /// Collects issues for `file`.
  explicit Issues(std::string file) : file_(std::move(file)) {}
  /// Collects issues in a tree merged from a chain of files: each names the file that
  /// wrote its key's node (`origins` outlives this).
  Issues(std::string file, const Origins& origins) : file_(std::move(file)), origins_(&origins) {}
  /// Records an issue at a position (yaml-cpp's 0-based mark).
  void add(const YAML::Mark& mark, std::string key, std::string message);
  /// Records an issue about a node's value.
  void add(const Located& at, std::string message) { add(at.mark(), at.path, std::move(message)); }
  /// Records an issue about the file as a whole (line 0).
  void add_file(std::string message);
  /// Number of issues so far, counted ones included.
  std::size_t size() const { return issues_.size() + unlisted_; }
  /// Whether further issues are only counted.
  bool full() const { return issues_.size() >= kMaxIssues; }
  /// The issues, moved out.
  std::vector<ScenarioIssue> take();

 private:
  std::string file_;
  const Origins* origins_ = nullptr;
  std::vector<ScenarioIssue> issues_;
  std::size_t unlisted_ = 0;  ///< issues past kMaxIssues
};

/// The document root, as a Located with an empty path.
Located root(const YAML::Node& document);

/// The entries of a mapping, each key once; reports a non-mapping, odd keys and repeats.
std::optional<std::vector<Located>> map_entries(const Located& map, Issues& issues);

/// The items of a sequence; reports a non-sequence.
std::optional<std::vector<Located>> sequence_items(const Located& sequence, Issues& issues);

/// The entry called `name`, or null.
const Located* find(const std::vector<Located>& entries, std::string_view name);

/// Reports each entry not named in `known` as "unknown <what>" with a suggestion; returns the rest.
std::vector<Located> known_entries(const std::vector<Located>& entries, const std::vector<std::string>& known,
                                   std::string_view what, Issues& issues);

/// "; did you mean 'x'?" for a near miss (names longer than kMaxSuggestedLength get none), else "; expected one of: a, b, ..." (or nothing
/// when `list_when_far` is false, for lists too long to help).
std::string suggestion(std::string_view name, const std::vector<std::string>& known, bool list_when_far = true);

/// A finite number written as a plain YAML scalar.
std::optional<double> read_number(const Located& at, Issues& issues);

/// An integer in [lo, hi]; `unit` names what it counts, for the message.
std::optional<std::uint64_t> read_integer(const Located& at, std::uint64_t lo, std::uint64_t hi,
                                          std::string_view unit, Issues& issues);

/// Any scalar, as text, at most kMaxTextLength characters.
std::optional<std::string> read_string(const Located& at, Issues& issues);

/// The longest run, sweep or calibration name: it becomes a folder name (out/<name>), and a
/// shard's suffix and a temporary name's must still fit the file system's 255 bytes.
constexpr std::size_t kMaxFolderNameBytes = 128;

/// Why `name` cannot be a folder of its own under out/ ("" when it can): it must be 1 to
/// kMaxFolderNameBytes bytes, not start with '.', and hold no '/' or control character, so
/// it can neither leave out/ ("../x", "/x") nor pass for a temporary name.
std::string folder_name_problem(const std::string& name);

/// Reads a family section (sim/scenario/scenario_family.cpp) into `family`, reporting every issue.
void load_family(const Located& at, FamilySpec& family, Issues& issues);

/// The shortest decimal text that reads back to exactly `x`.
std::string format_number(double x);

}  // namespace attune::scenario_detail

#include "sim/scenario/scenario_yaml.hpp"

#include "sim/scenario/scenario_inherit.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace attune::scenario_detail {
namespace {

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

/// Quoted and !!str scalars are strings even when they look like numbers.
bool is_string_scalar(const YAML::Node& node) {
  return node.IsScalar() && (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str");
}

/// A scalar as a message quotes it: cut after kMaxSuggestedLength characters, so a
/// megabyte of text is not repeated back.
std::string shortened(const std::string& text) {
  if (text.size() <= kMaxSuggestedLength) return text;
  return text.substr(0, kMaxSuggestedLength) + "... (" + std::to_string(text.size()) + " characters)";
}

/// What a node holds, for "expected X, got Y" messages.
std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (is_string_scalar(node)) return "the string \"" + shortened(node.Scalar()) + "\" (numbers are written without quotes)";
  return "'" + shortened(node.Scalar()) + "'";
}

/// Parses the whole of `text` as a double; YAML allows a leading '+', from_chars does not.
std::optional<double> parse_double(std::string_view text) {
  if (text.size() > 1 && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Optimal string alignment distance: edits, counting a swap of neighbours as one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

bool within_node_limit(const YAML::Node& document) {
  // An explicit stack: an alias inside itself would make recursion as deep as the count.
  std::vector<YAML::Node> pending{document};
  for (std::size_t seen = 0; !pending.empty(); ++seen) {
    if (seen >= kMaxYamlNodes) return false;
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        pending.push_back(it->first);
        pending.push_back(it->second);
      }
    }
  }
  return true;
}

std::string node_limit_message() {
  return "the document expands to more than " + std::to_string(kMaxYamlNodes) +
         " YAML nodes (an alias counts its whole value at each use)";
}

YAML::Mark Located::mark() const {
  if (!node.IsDefined() || node.IsNull() || node.Mark().is_null()) return key_mark;
  return node.Mark();
}

void Issues::add(const YAML::Mark& mark, std::string key, std::string message) {
  if (full()) {
    ++unlisted_;
    return;
  }
  const bool located = !mark.is_null();
  const std::string& file = origins_ ? origins_->file_of(key) : file_;
  issues_.push_back({file, located ? mark.line + 1 : 0, located ? mark.column + 1 : 0, std::move(key), std::move(message)});
}

void Issues::add_file(std::string message) {
  if (full()) {
    ++unlisted_;
    return;
  }
  issues_.push_back({file_, 0, 0, "", std::move(message)});
}

std::vector<ScenarioIssue> Issues::take() {
  if (unlisted_ > 0)
    issues_.push_back({file_, 0, 0, "", "and " + std::to_string(unlisted_) + " more issues, not listed (the first " +
                                             std::to_string(kMaxIssues) + " are)"});
  unlisted_ = 0;
  return std::move(issues_);
}

Located root(const YAML::Node& document) { return {document, "", "", document.Mark()}; }

std::optional<std::vector<Located>> map_entries(const Located& map, Issues& issues) {
  if (!map.node.IsMap()) {
    issues.add(map, "expected a mapping of keys, got " + describe(map.node));
    return std::nullopt;
  }
  std::vector<Located> entries;
  // Each name's entry, so a map of a million keys is checked for repeats in linear time.
  std::unordered_map<std::string, std::size_t> index;
  for (auto it = map.node.begin(); it != map.node.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      issues.add(key.Mark(), map.path, "keys must be plain names, got " + describe(key));
      continue;
    }
    if (key.Scalar().size() > kMaxTextLength) {
      issues.add(key.Mark(), map.path, "a key of " + std::to_string(key.Scalar().size()) +
                                           " characters is longer than the limit of " + std::to_string(kMaxTextLength));
      continue;
    }
    Located entry{it->second, child_path(map.path, key.Scalar()), key.Scalar(), key.Mark()};
    // yaml-cpp keeps repeated keys and a lookup would silently take the first.
    if (const auto first = index.find(entry.name); first != index.end()) {
      issues.add(entry.key_mark, entry.path,
                 "repeated key (first given on line " + std::to_string(entries[first->second].key_mark.line + 1) + ")");
      continue;
    }
    index.emplace(entry.name, entries.size());
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::optional<std::vector<Located>> sequence_items(const Located& sequence, Issues& issues) {
  if (!sequence.node.IsSequence()) {
    issues.add(sequence, "expected a list, got " + describe(sequence.node));
    return std::nullopt;
  }
  std::vector<Located> items;
  for (std::size_t i = 0; i < sequence.node.size(); ++i) {
    const YAML::Node item = sequence.node[i];
    const YAML::Mark mark = item.IsNull() || item.Mark().is_null() ? sequence.mark() : item.Mark();
    items.push_back({item, sequence.path + "[" + std::to_string(i) + "]", "", mark});
  }
  return items;
}

const Located* find(const std::vector<Located>& entries, std::string_view name) {
  for (const auto& entry : entries)
    if (entry.name == name) return &entry;
  return nullptr;
}

std::vector<Located> known_entries(const std::vector<Located>& entries, const std::vector<std::string>& known,
                                   std::string_view what, Issues& issues) {
  std::vector<Located> kept;
  for (const auto& entry : entries) {
    if (std::find(known.begin(), known.end(), entry.name) != known.end()) {
      kept.push_back(entry);
    } else {
      // A suggestion costs an edit distance per known name: none for an issue only counted.
      issues.add(entry.key_mark, entry.path, "unknown " + std::string(what) + (issues.full() ? "" : suggestion(entry.name, known)));
    }
  }
  return kept;
}

std::string suggestion(std::string_view name, const std::vector<std::string>& known, bool list_when_far) {
  const std::string* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& candidate : known) {
    if (name.size() > kMaxSuggestedLength) break;
    const std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) best = &candidate, best_distance = distance;
  }
  // A near miss is a typo worth naming; otherwise the whole list helps more.
  const std::size_t near = std::clamp<std::size_t>(name.size() / 3, 1, 3);
  if (best && best_distance <= near) return "; did you mean '" + *best + "'?";
  if (!list_when_far) return "";
  std::string list;
  for (const auto& candidate : known) list += (list.empty() ? "" : ", ") + candidate;
  return "; expected one of: " + list;
}

std::optional<double> read_number(const Located& at, Issues& issues) {
  if (at.node.IsScalar() && !is_string_scalar(at.node)) {
    const auto value = parse_double(at.node.Scalar());
    if (value && std::isfinite(*value)) return value;
    if (value) {
      issues.add(at, "expected a finite number, got '" + shortened(at.node.Scalar()) + "'");
      return std::nullopt;
    }
  }
  issues.add(at, "expected a number, got " + describe(at.node));
  return std::nullopt;
}

std::optional<std::uint64_t> read_integer(const Located& at, std::uint64_t lo, std::uint64_t hi,
                                          std::string_view unit, Issues& issues) {
  const std::string range = hi == std::numeric_limits<std::uint64_t>::max()
                                ? "at least " + std::to_string(lo)
                                : "in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  const std::string expected = "expected an integer " + range + " (" + std::string(unit) + ")";
  if (!at.node.IsScalar() || is_string_scalar(at.node)) {
    issues.add(at, expected + ", got " + describe(at.node));
    return std::nullopt;
  }
  std::string_view text = at.node.Scalar();
  if (text.size() > 1 && text.front() == '+') text.remove_prefix(1);
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size() && lo <= value && value <= hi) return value;
  issues.add(at, expected + ", got " + describe(at.node));
  return std::nullopt;
}

std::optional<std::string> read_string(const Located& at, Issues& issues) {
  if (at.node.IsScalar() && at.node.Scalar().size() > kMaxTextLength) {
    issues.add(at, "text of " + std::to_string(at.node.Scalar().size()) + " characters is longer than the limit of " +
                       std::to_string(kMaxTextLength));
    return std::nullopt;
  }
  if (at.node.IsScalar()) return at.node.Scalar();
  issues.add(at, "expected text, got " + describe(at.node));
  return std::nullopt;
}

std::string folder_name_problem(const std::string& name) {
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (name.empty() || name.size() > kMaxFolderNameBytes || name.front() == '.' ||
      name.find('/') != std::string::npos || control)
    return "the name becomes a folder under out/: it must be 1 to " + std::to_string(kMaxFolderNameBytes) +
           " characters, not start with '.', and hold no '/' or control character (got '" +
           (name.size() > 60 ? name.substr(0, 60) + "...' of " + std::to_string(name.size()) + " bytes)" : name + "')");
  return "";
}

std::string format_number(double x) {
  char buffer[32];  // the longest shortest form, "-2.2250738585072014e-308", fits
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr);
}

}  // namespace attune::scenario_detail

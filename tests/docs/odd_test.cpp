// docs/ODD.md, the model in the ODD protocol (Grimm et al. 2006, 2020): its seven elements
// and eleven design concepts are there, in order; every parameter it names is a row of the
// one parameter table and every row is named (a misspelt or renamed parameter, or one
// added without its description, fails here); and every link into docs/MODEL.md points at a
// heading that exists. Milliseconds: no scenario is run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "models/parameter_table.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune;
using namespace attune::testing;

namespace {

const fs::path kOddRoot = ATTUNE_SOURCE_DIR;

/// The protocol's elements and design concepts, as the 2020 update names them.
const std::vector<std::string> kElements = {
    "## 1. Purpose and patterns",  "## 2. Entities, state variables and scales",
    "## 3. Process overview and scheduling", "## 4. Design concepts", "## 5. Initialization",
    "## 6. Input data",            "## 7. Submodels"};
const std::vector<std::string> kDesignConcepts = {
    "### Basic principles", "### Emergence",   "### Adaptation",    "### Objectives",
    "### Learning",         "### Prediction",  "### Sensing",       "### Interaction",
    "### Stochasticity",    "### Collectives", "### Observation"};

/// Every row of the table, model parameters and instrument constants, as group.name.
std::set<std::string> table_names() {
  std::set<std::string> names;
  for (const auto& row : parameter_table()) names.insert(row.qualified());
  for (const auto& row : instrument_table()) names.insert(row.qualified());
  return names;
}

/// The `code spans` of a Markdown text that read as a parameter: two lower-case
/// identifiers joined by a dot, unless the second is a file extension (`dyads.csv`).
std::vector<std::string> parameter_mentions(const std::string& text) {
  static const std::regex span("`([^`\n]+)`");
  static const std::regex dotted("[a-z][a-z0-9_]*\\.([a-z][a-z0-9_]*)");
  static const std::set<std::string> extensions = {"cff", "cpp", "csv", "hpp", "html", "json",
                                                   "md",  "png", "py",  "sh",  "yaml"};
  std::vector<std::string> mentions;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), span); it != std::sregex_iterator(); ++it) {
    const std::string token = (*it)[1];
    std::smatch parts;
    if (std::regex_match(token, parts, dotted) && !extensions.count(parts[1])) mentions.push_back(token);
  }
  return mentions;
}

/// The mentions that are not rows of the table.
std::vector<std::string> unknown_parameters(const std::string& text) {
  const auto names = table_names();
  std::vector<std::string> unknown;
  for (const auto& mention : parameter_mentions(text))
    if (!names.count(mention)) unknown.push_back(mention);
  return unknown;
}

/// GitHub's anchor for a heading: lower case, spaces to hyphens, punctuation dropped
/// (MODEL.md's headings are ASCII but for the title's dash, which is dropped too).
std::string anchor_of(const std::string& heading) {
  std::string anchor;
  for (unsigned char c : heading) {
    if (std::isalnum(c)) anchor += static_cast<char>(std::tolower(c));
    else if (c == ' ' || c == '-') anchor += '-';
    else if (c == '_') anchor += '_';
  }
  return anchor;
}

std::set<std::string> anchors_of(const std::string& markdown) {
  std::set<std::string> anchors;
  for (const auto& line : lines_of(markdown)) {
    const auto hashes = line.find_first_not_of('#');
    if (hashes > 0 && hashes != std::string::npos && line[hashes] == ' ') anchors.insert(anchor_of(line.substr(hashes + 1)));
  }
  return anchors;
}

/// The anchors of the text's links into MODEL.md, `](MODEL.md#anchor)`.
std::vector<std::string> model_links(const std::string& text) {
  static const std::regex link(R"(\]\(MODEL\.md#([^)\s]+)\))");
  std::vector<std::string> anchors;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), link); it != std::sregex_iterator(); ++it)
    anchors.push_back((*it)[1]);
  return anchors;
}

}  // namespace

TEST_CASE("docs/odd: the ODD protocol's seven elements and eleven design concepts, in order") {
  const std::string odd = read_text(kOddRoot / "docs/ODD.md");
  REQUIRE(!odd.empty());
  const auto lines = lines_of(odd);
  const auto in_order = [&](const std::vector<std::string>& headings, std::size_t from, std::size_t to) {
    std::size_t at = from;
    for (const auto& heading : headings) {
      INFO("docs/ODD.md has no line \"" << heading << "\" after the one before it");
      const auto found = std::find(lines.begin() + static_cast<std::ptrdiff_t>(at), lines.begin() + static_cast<std::ptrdiff_t>(to), heading);
      REQUIRE(found != lines.begin() + static_cast<std::ptrdiff_t>(to));
      at = static_cast<std::size_t>(found - lines.begin()) + 1;
    }
  };
  in_order(kElements, 0, lines.size());
  // The design concepts are headings of element 4, between it and element 5.
  const auto element = [&](const std::string& heading) {
    return static_cast<std::size_t>(std::find(lines.begin(), lines.end(), heading) - lines.begin());
  };
  in_order(kDesignConcepts, element(kElements[3]), element(kElements[4]));
}

TEST_CASE("docs/odd: every parameter ODD.md names is a row of the parameter table, and every row is named") {
  const std::string odd = read_text(kOddRoot / "docs/ODD.md");
  REQUIRE(!odd.empty());
  const auto unknown = unknown_parameters(odd);
  for (const auto& name : unknown) FAIL_CHECK("docs/ODD.md names `" << name << "`, which models/parameters.csv has no row for");
  const auto mentions = parameter_mentions(odd);
  const std::set<std::string> named(mentions.begin(), mentions.end());
  for (const auto& row : table_names())
    if (!named.count(row)) FAIL_CHECK("models/parameters.csv's `" << row << "` is not described in docs/ODD.md");

  // The check reads what it should: a misspelt name, a wrong group and a name without its
  // group's row are caught; files and prose are not parameters.
  CHECK(unknown_parameters("`caregiver.detection` and `iwm.fear_rate`").empty());
  CHECK(unknown_parameters("`caregiver.detecton`") == std::vector<std::string>{"caregiver.detecton"});
  CHECK(unknown_parameters("`infant.detection`") == std::vector<std::string>{"infant.detection"});
  CHECK(unknown_parameters("`caregivers.detection`") == std::vector<std::string>{"caregivers.detection"});
  CHECK(unknown_parameters("`instrument.ssp_episodes`") == std::vector<std::string>{"instrument.ssp_episodes"});
  CHECK(parameter_mentions("`dyads.csv`, `summary.json`, `Life::live`, `models/iwm.cpp`, caregiver.detection").empty());
}

TEST_CASE("docs/odd: every link from ODD.md into MODEL.md points at a heading of MODEL.md") {
  const std::string odd = read_text(kOddRoot / "docs/ODD.md");
  const auto anchors = anchors_of(read_text(kOddRoot / "docs/MODEL.md"));
  REQUIRE(anchors.count("5-internal-working-model-learned-never-assigned"));  // the rule is GitHub's
  const auto links = model_links(odd);
  CHECK(links.size() >= 7);  // the submodels point into MODEL.md rather than repeat it
  for (const auto& link : links) {
    INFO("docs/ODD.md links to MODEL.md#" << link);
    CHECK(anchors.count(link));
  }
  CHECK(model_links("[x](MODEL.md#2-infant) [y](MODEL.md#99-nowhere)") ==
        std::vector<std::string>{"2-infant", "99-nowhere"});
  CHECK_FALSE(anchors.count("99-nowhere"));
}

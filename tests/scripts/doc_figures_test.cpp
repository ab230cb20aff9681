// The figures docs/MODEL.md and README.md quote from runs sit in marked blocks that
// scripts/update-doc-figures.sh (scripts/doc_figures.py) rewrites from fresh runs: every
// block is well formed, and the script produces each one, so a figure typed into a doc
// without a run behind it fails here. Seconds: no scenario is run.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

const char* const kFigureDocs[] = {"docs/MODEL.md", "README.md"};

/// The figures blocks of one doc, name -> its text, read apart from the script: each
/// `<!-- figures:NAME:begin -->` closed by its own `:end -->` before any other block opens.
std::map<std::string, std::string> figure_blocks(const std::string& doc, const std::string& text) {
  static const std::regex marker(R"(<!-- figures:([a-z0-9-]+):(begin|end) -->)");
  std::map<std::string, std::string> blocks;
  std::string open;
  std::size_t open_at = 0, markers = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), marker); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1], kind = (*it)[2];
    const auto at = std::size_t(it->position());
    INFO(doc << ": figures:" << name << ":" << kind << " at offset " << at);
    ++markers;
    if (kind == "begin") {
      CHECK(open.empty());             // no block inside another
      CHECK(blocks.count(name) == 0);  // each name once
      open = name;
      open_at = at + std::size_t(it->length());
    } else {
      REQUIRE(open == name);  // the end of the block that is open
      blocks[name] = text.substr(open_at, at - open_at);
      open.clear();
    }
  }
  INFO(doc << ": figures:" << open << " is not closed");
  CHECK(open.empty());
  // Every "<!-- figures:" is one of the two markers (a typo would hide a block from the script).
  std::size_t mentions = 0;
  for (auto at = text.find("<!-- figures:"); at != std::string::npos; at = text.find("<!-- figures:", at + 1))
    ++mentions;
  CHECK(mentions == markers);
  return blocks;
}

struct ScriptRun {
  int status;
  std::string out;
};

ScriptRun doc_figures(const std::string& args, const fs::path& logs) {
  const fs::path out = logs / "script.out";
  const std::string command = "/usr/bin/python3 " +
                              shell_quoted(std::string(ATTUNE_SOURCE_DIR) + "/scripts/doc_figures.py") + " " +
                              args + " >" + shell_quoted(out.string()) + " 2>&1";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_text(out)};
}

}  // namespace

TEST_CASE("scripts/doc_figures: every figures block in the docs is well formed and produced by the script") {
  TempFolder folder("attune_doc_figures", "blocks");
  std::set<std::string> in_docs;
  for (const char* doc : kFigureDocs) {
    const std::string text = read_text(fs::path(ATTUNE_SOURCE_DIR) / doc);
    REQUIRE(!text.empty());
    for (const auto& [name, content] : figure_blocks(doc, text)) {
      INFO(doc << ": figures:" << name);
      CHECK(in_docs.insert(name).second);  // one name, one block, across the docs
      // A block on one line sits inside a sentence; one over several lines has its markers
      // on lines of their own (so the rewrite keeps the doc's layout).
      if (content.find('\n') != std::string::npos) {
        CHECK(content.front() == '\n');
        CHECK(content.back() == '\n');
      }
    }
  }
  CHECK(!in_docs.empty());

  // The blocks the script produces are exactly those in the docs.
  const auto listed = doc_figures("--list-blocks", folder.path());
  INFO(listed.out);
  REQUIRE(listed.status == 0);
  const auto names = lines_of(listed.out);
  const std::set<std::string> produced(names.begin(), names.end());
  CHECK(produced.size() == names.size());
  for (const auto& name : in_docs) {
    INFO("figures:" << name << " is in a doc but scripts/doc_figures.py does not produce it");
    CHECK(produced.count(name) == 1);
  }
  for (const auto& name : produced) {
    INFO("scripts/doc_figures.py produces figures:" << name << " but no doc holds its markers");
    CHECK(in_docs.count(name) == 1);
  }
  // And the script's own check (each block in its file, inline or on lines of its own) passes.
  const auto checked = doc_figures("--check " + shell_quoted(ATTUNE_SOURCE_DIR), folder.path());
  INFO(checked.out);
  CHECK(checked.status == 0);
}

TEST_CASE("scripts/doc_figures: the script refuses a typed block, a lost marker and an unclosed block") {
  TempFolder folder("attune_doc_figures", "refuses");
  const std::string model = read_text(fs::path(ATTUNE_SOURCE_DIR) / "docs/MODEL.md");
  const std::string readme = read_text(fs::path(ATTUNE_SOURCE_DIR) / "README.md");
  fs::create_directories(folder / "docs");
  const auto check_with = [&](const std::string& model_text, const std::string& readme_text) {
    write_text(folder / "docs" / "MODEL.md", model_text);
    write_text(folder / "README.md", readme_text);
    return doc_figures("--check " + shell_quoted(folder.path().string()), folder.path());
  };
  REQUIRE(check_with(model, readme).status == 0);  // the copy as it is passes

  // A block typed into the README that the script does not produce.
  auto result = check_with(
      model, readme + "\n<!-- figures:typed-by-hand:begin -->42 %<!-- figures:typed-by-hand:end -->\n");
  CHECK(result.status != 0);
  CHECK(result.out.find("figures:typed-by-hand is not produced") != std::string::npos);

  // A block whose markers were lost in an edit.
  const std::string begin = "<!-- figures:risk-table:begin -->", end = "<!-- figures:risk-table:end -->";
  REQUIRE(model.find(begin) != std::string::npos);
  std::string lost = model;
  lost.erase(lost.find(begin), begin.size());
  lost.erase(lost.find(end), end.size());
  result = check_with(lost, readme);
  CHECK(result.status != 0);
  CHECK(result.out.find("the marker of figures:risk-table is missing") != std::string::npos);

  // A block opened and never closed, and one opened inside another.
  result = check_with(model, readme + "\n<!-- figures:stray:begin -->12 %\n");
  CHECK(result.status != 0);
  CHECK(result.out.find("figures:stray has no end marker") != std::string::npos);
  std::string nested = model;
  nested.erase(nested.find(end), end.size());
  result = check_with(nested, readme);
  CHECK(result.status != 0);
  CHECK(result.out.find("inside figures:risk-table") != std::string::npos);
}

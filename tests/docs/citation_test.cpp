// CITATION.cff: valid against the Citation File Format 1.2.0 schema (the CFF project's own
// schema.json, run by tests/docs/validate_citation.py on Debian's python3-jsonschema), and
// true to the project: the version built, the LICENSE's licence and holder, references a
// reader can find. Each check is also shown to refuse a broken copy, so none passes vacuously.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "sim/run/version.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

const fs::path kCitationRoot = ATTUNE_SOURCE_DIR;

/// The SPDX identifier of a licence text, recognised by its standard wording; "" when
/// the text is none of these (then CITATION.cff's `license` cannot match it).
std::string spdx_id_of(const std::string& license) {
  if (license.rfind("MIT License", 0) == 0 &&
      license.find("Permission is hereby granted, free of charge, to any person obtaining a copy") != std::string::npos)
    return "MIT";
  if (license.find("Apache License") != std::string::npos && license.find("Version 2.0, January 2004") != std::string::npos)
    return "Apache-2.0";
  return "";
}

/// A person (family-names) or an entity (name), as CFF defines an author.
bool names_someone(const YAML::Node& author) {
  return author.IsMap() && ((author["family-names"] && !author["family-names"].as<std::string>().empty()) ||
                            (author["name"] && !author["name"].as<std::string>().empty()));
}

/// What in `cff` disagrees with the project or lacks what a reader needs; empty when
/// nothing does. The schema check covers the format; this covers the content.
std::vector<std::string> citation_problems(const YAML::Node& cff, const std::string& license_text) {
  std::vector<std::string> problems;
  const auto text = [&](const char* key) { return cff[key] && cff[key].IsScalar() ? cff[key].Scalar() : std::string(); };
  if (text("cff-version") != "1.2.0") problems.push_back("cff-version is not 1.2.0");
  for (const char* key : {"message", "title", "abstract"})
    if (text(key).empty()) problems.push_back(std::string(key) + " is missing or empty");
  if (text("type") != "software") problems.push_back("type is not software");
  if (text("version") != attune::kVersion)
    problems.push_back("version '" + text("version") + "' is not the built version " + attune::kVersion +
                       " (CMakeLists.txt project(VERSION))");
  static const std::regex iso_date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (!std::regex_match(text("date-released"), iso_date)) problems.push_back("date-released is not YYYY-MM-DD");
  const std::string spdx = spdx_id_of(license_text);
  if (spdx.empty() || text("license") != spdx)
    problems.push_back("license '" + text("license") + "' is not the LICENSE file's ('" + spdx + "')");
  const YAML::Node authors = cff["authors"];
  if (!authors || !authors.IsSequence() || authors.size() == 0) {
    problems.push_back("authors is missing or empty");
  } else {
    for (const auto& author : authors)
      if (!names_someone(author)) problems.push_back("an author has neither family-names nor name");
    // The holder the LICENSE names is who is cited.
    if (authors[0]["name"] && license_text.find(authors[0]["name"].as<std::string>()) == std::string::npos)
      problems.push_back("the first author is not the LICENSE's copyright holder");
  }
  if (!cff["keywords"] || !cff["keywords"].IsSequence() || cff["keywords"].size() == 0)
    problems.push_back("keywords is missing or empty");
  const YAML::Node references = cff["references"];
  if (!references || !references.IsSequence() || references.size() == 0) {
    problems.push_back("references is missing or empty");
    return problems;
  }
  for (std::size_t i = 0; i < references.size(); ++i) {
    const YAML::Node r = references[i];
    const std::string which = "reference " + std::to_string(i + 1);
    for (const char* key : {"type", "title", "year"})
      if (!r[key] || !r[key].IsScalar() || r[key].Scalar().empty()) problems.push_back(which + " has no " + key);
    if (r["year"] && r["year"].IsScalar() && !std::regex_match(r["year"].Scalar(), std::regex(R"(\d{4})")))
      problems.push_back(which + "'s year is not a year");
    if (!r["authors"] || !r["authors"].IsSequence() || r["authors"].size() == 0) {
      problems.push_back(which + " has no authors");
    } else {
      for (const auto& author : r["authors"])
        if (!names_someone(author)) problems.push_back(which + " has an author with neither family-names nor name");
    }
  }
  return problems;
}

std::string problem_lines(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

/// `cff` with one change, as YAML text.
template <typename Change>
std::string emitted_with(const YAML::Node& cff, Change&& change) {
  YAML::Node copy = YAML::Clone(cff);
  change(copy);
  YAML::Emitter out;
  out << copy;
  return out.c_str();
}

}  // namespace

TEST_CASE("docs/citation: CITATION.cff is valid against the CFF 1.2.0 schema, which refuses broken copies") {
  TempFolder folder("attune_citation", "schema");
  const YAML::Node cff = YAML::LoadFile((kCitationRoot / "CITATION.cff").string());
  // Copies of the file as yaml-cpp writes it: unchanged (so the writing itself is valid),
  // then each breaking one rule of the schema, with the place the validator must name.
  struct Copy {
    std::string name, error_at, text;
  };
  const std::vector<Copy> copies = {
      {"unchanged.cff", "", emitted_with(cff, [](YAML::Node&) {})},
      {"no_title.cff", "at (top): 'title' is a required property",
       emitted_with(cff, [](YAML::Node& c) { c.remove("title"); })},
      {"month_13.cff", "at date-released:", emitted_with(cff, [](YAML::Node& c) { c["date-released"] = "2026-13-02"; })},
      {"old_format.cff", "at cff-version:", emitted_with(cff, [](YAML::Node& c) { c["cff-version"] = "1.1.0"; })},
      {"reference_without_type.cff", "at references/0: 'type' is a required property",
       emitted_with(cff, [](YAML::Node& c) { c["references"][0].remove("type"); })},
      {"unknown_reference_type.cff", "at references/0/type:",
       emitted_with(cff, [](YAML::Node& c) { c["references"][0]["type"] = "chapter"; })},
      {"misspelt_key.cff", "at (top): Additional properties are not allowed ('licence' was unexpected)",
       emitted_with(cff, [](YAML::Node& c) { c["licence"] = c["license"]; c.remove("license"); })},
      {"unknown_licence.cff", "at license:", emitted_with(cff, [](YAML::Node& c) { c["license"] = "MIT-ish"; })},
  };
  std::string files = shell_quoted((kCitationRoot / "CITATION.cff").string());
  for (const auto& copy : copies) files += " " + shell_quoted(write_text(folder / copy.name, copy.text).string());
  const fs::path out = folder / "validator.out";
  const std::string command = "/usr/bin/python3 " +
                              shell_quoted((kCitationRoot / "tests/docs/validate_citation.py").string()) + " " +
                              shell_quoted((kCitationRoot / "tests/docs/cff-schema-1.2.0.json").string()) + " " +
                              files + " >" + shell_quoted(out.string()) + " 2>&1";
  const int raw = std::system(command.c_str());
  const std::string report = read_text(out);
  INFO(report);
  REQUIRE(WIFEXITED(raw));
  REQUIRE(WEXITSTATUS(raw) == 1);  // 0 all valid, 1 some invalid; 2 and 3: it could not run (the report says why)
  CHECK(report.find((kCitationRoot / "CITATION.cff").string() + ": valid\n") != std::string::npos);
  CHECK(report.find((folder / "unchanged.cff").string() + ": valid\n") != std::string::npos);
  for (const auto& copy : copies) {
    if (copy.error_at.empty()) continue;
    INFO(copy.name);
    // Its own verdict, then its errors up to the next file's line.
    const auto at = report.find((folder / copy.name).string() + ": invalid\n");
    REQUIRE(at != std::string::npos);
    const auto next = report.find("\n/", at);
    CHECK(report.substr(at, next == std::string::npos ? std::string::npos : next - at).find(copy.error_at) !=
          std::string::npos);
  }
}

TEST_CASE("docs/citation: CITATION.cff names the built version, the LICENSE's licence and holder, and full references") {
  const std::string license = read_text(kCitationRoot / "LICENSE");
  REQUIRE(spdx_id_of(license) == "MIT");
  CHECK(license.find("Copyright (c) 2026 The attune developers") != std::string::npos);
  const YAML::Node cff = YAML::LoadFile((kCitationRoot / "CITATION.cff").string());
  INFO(problem_lines(citation_problems(cff, license)));
  CHECK(citation_problems(cff, license).empty());

  // Each rule refuses a copy that breaks it.
  const auto broken = [&](auto&& change) {
    YAML::Node copy = YAML::Clone(cff);
    change(copy);
    return citation_problems(copy, license);
  };
  CHECK_FALSE(broken([](YAML::Node& c) { c["version"] = "9.9.9"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["license"] = "Apache-2.0"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["cff-version"] = "1.1.0"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["date-released"] = "2 December 2026"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["authors"][0]["name"] = "Someone else"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["references"][0].remove("year"); }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["references"][1]["year"] = "in press"; }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c["references"][2]["authors"][0].remove("family-names"); }).empty());
  CHECK_FALSE(broken([](YAML::Node& c) { c.remove("references"); }).empty());
  // A LICENSE of another licence no longer matches the same file.
  CHECK_FALSE(citation_problems(cff, "Apache License\nVersion 2.0, January 2004\n").empty());
}

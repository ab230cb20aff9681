// Input files as other programs save them (issue 15): a design CSV from Excel ("CSV UTF-8":
// a byte-order mark, CRLF, quotes) or LibreOffice, and scenario and sweep YAML with a
// byte-order mark and CRLF line ends, read as the same design and scenario as plain files.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/process_support.hpp"

namespace attune {
namespace {

using testing::TempFolder;
using testing::write_text;

constexpr const char* kSpreadsheetBom = "\xEF\xBB\xBF";

/// `text` with CRLF line ends and a byte-order mark, as Windows programs save it.
std::string as_windows_saves(const std::string& text) {
  std::string out = kSpreadsheetBom;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

const std::string kSpreadsheetBase = "name: base\nspan_days: 60\nbouts_per_day: 2\nbout_seconds: 120\n"
                          "population:\n  caregiver:\n    repair: 0.4\n";

/// The design of a csv sweep over `design` (the CSV's bytes) in `folder`.
Design spreadsheet_design_of(const TempFolder& folder, const std::string& design) {
  write_text(folder / "base.yaml", kSpreadsheetBase);
  write_text(folder / "points.csv", design);
  return make_design(load_sweep(write_text(folder / "sweep.yaml", "base: base.yaml\ndesign: csv\nfile: points.csv\n").string()));
}

}  // namespace

TEST_CASE("sim/sweep: a design CSV saved by Excel (CSV UTF-8) or LibreOffice is the design of the plain file") {
  TempFolder folder("attune_sweep", "spreadsheet_design");
  const std::string plain = "caregiver.repair,caregiver.detection\n0.3,0.5\n0.6,0.7\n";
  const Design expected = spreadsheet_design_of(folder, plain);
  REQUIRE(expected.axes == std::vector<std::string>{"caregiver.repair", "caregiver.detection"});
  REQUIRE(expected.points.size() == 2);
  // Excel quotes the text cells it chooses to; LibreOffice may quote every text cell and
  // leave the last line without its end.
  for (const std::string& saved : {as_windows_saves("\"caregiver.repair\",\"caregiver.detection\"\n0.3,0.5\n0.6,0.7\n"),
                                   std::string("\"caregiver.repair\",\"caregiver.detection\"\n0.3,0.5\n0.6,0.7")}) {
    INFO(saved);
    const Design design = spreadsheet_design_of(folder, saved);
    CHECK(design.axes == expected.axes);
    REQUIRE(design.points.size() == expected.points.size());
    for (std::size_t i = 0; i < design.points.size(); ++i) {
      CHECK(design.points[i].values == expected.points[i].values);
      CHECK(design.points[i].problem.empty());
    }
  }
  // A bad row of a CRLF file is named by its line, its value without the '\r'.
  const Design bad = spreadsheet_design_of(folder, as_windows_saves("caregiver.repair,caregiver.detection\n0.3,0.5\n0.6,high\n"));
  REQUIRE(bad.points.size() == 2);
  CHECK(bad.points[1].origin == "points.csv line 3");
  CHECK(bad.points[1].problem == "column 2 (caregiver.detection): 'high' is not a number");
}

TEST_CASE("sim/scenario: scenario and sweep YAML with a byte-order mark and CRLF load as the plain files, errors on their lines") {
  TempFolder folder("attune_sweep", "spreadsheet_yaml");
  const Scenario plain = load_scenario(write_text(folder / "plain.yaml", kSpreadsheetBase).string());
  const Scenario windows = load_scenario(write_text(folder / "windows.yaml", as_windows_saves(kSpreadsheetBase)).string());
  CHECK(windows.name == "base");
  CHECK(windows.span_days == plain.span_days);
  CHECK(windows.bout_seconds == plain.bout_seconds);
  REQUIRE(windows.population.size() == 1);
  CHECK(windows.population == plain.population);
  const auto issues = validate_scenario(
      write_text(folder / "bad.yaml", as_windows_saves(kSpreadsheetBase + "    detecton: 0.3\n")).string());
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 8);
  CHECK(issues[0].column == 5);

  write_text(folder / "base.yaml", as_windows_saves(kSpreadsheetBase));
  const auto spec = load_sweep(write_text(folder / "sweep.yaml", as_windows_saves("base: base.yaml\ndyads: 7\naxes:\n"
                                                                                  "  caregiver.detection: {values: [0.2, 0.4]}\n"))
                                   .string());
  CHECK(spec.dyads == 7);
  const Design design = make_design(spec);
  REQUIRE(design.points.size() == 2);
  CHECK(design.points[1].values == std::vector<std::string>{"0.4"});
  CHECK(sweep_base_scenario(spec).population == plain.population);
}

}  // namespace attune

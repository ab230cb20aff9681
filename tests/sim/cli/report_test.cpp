// `attune report DIR` (sim/cli/report_command.cpp, analysis/report/report.py) end to end: a
// small run, its report, and the errors a user can meet.
#include <catch2/catch.hpp>


#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// 60 dyads, two short bouts a day to 6 months, one Strange Situation: a few seconds.
const std::string kSmall = R"(name: small
seed: 31
dyads: 60
span_days: 190
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    rejection: {dist: uniform, min: 0.0, max: 0.4}
assessments: {strange_situation: {ages_months: [6]}}
)";

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::size_t png_files(const fs::path& folder) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".png") continue;
    ++count;
    INFO(entry.path());
    CHECK(read_text(entry.path()).rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  }
  return count;
}

}  // namespace

TEST_CASE("sim/report: a self-contained page with one embedded PNG per figure, and an arm comparison when present") {
  TempFolder folder("attune_report", "page");
  std::ofstream(folder / "small.yaml") << kSmall;
  const fs::path out = folder / "run";
  const std::string scenario = shell_quoted((folder / "small.yaml").string());
  REQUIRE(run_attune("run " + scenario + " --out " + shell_quoted(out.string()), folder.path()).status == 0);

  // summary.json carries the statistics section, over the assessed dyads.
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  REQUIRE(summary.contains("statistics"));
  const auto& statistics = summary["statistics"];
  CHECK(statistics["n_assessed"] == summary["classification"]["n_assessed"]);
  CHECK(statistics["variables"][0]["variable"] == "caregiver.detection");
  CHECK(statistics["logistic_regression"]["n"] == statistics["n_assessed"]);
  CHECK(statistics["logistic_regression"]["coefficients"].size() == 2);

  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  const std::string page = read_text(report / "index.html");
  // Class distribution, IWM by class, interaction metrics, arousal traces.
  CHECK(png_files(report) == 4);
  CHECK(occurrences(page, "data:image/png;base64,") == 4);
  CHECK(occurrences(page, "http://") == 0);
  CHECK(occurrences(page, "https://") == 0);
  CHECK(occurrences(page, "<table>") >= 4);  // shares, literature, statistics, regression, metrics
  CHECK(page.find("Comparison with the literature") != std::string::npos);

  // Without traces.csv the report re-simulated the first dyads' day: the same lives the
  // run would have traced.
  const fs::path traced = folder / "traced";
  REQUIRE(run_attune("run " + scenario + " --trace 3 --out " + shell_quoted(traced.string()), folder.path()).status == 0);
  CHECK(read_text(report / "traces.csv") == read_text(traced / "traces.csv"));

  // An arms.csv adds the comparison figure.
  std::ofstream(out / "arms.csv") << "arm,n_dyads,n_assessed,share_A,share_A_ci_lo,share_A_ci_hi,share_B,share_B_ci_lo,"
                                     "share_B_ci_hi,share_C,share_C_ci_lo,share_C_ci_hi,share_D,share_D_ci_lo,share_D_ci_hi,"
                                     "matched_share_mean\n"
                                     "control,60,60,0.15,0.08,0.26,0.6,0.47,0.71,0.1,0.05,0.2,0.15,0.08,0.26,0.7\n"
                                     "treated,60,60,0.1,0.05,0.2,0.7,0.57,0.8,0.1,0.05,0.2,0.1,0.05,0.2,0.75\n";
  REQUIRE(run_attune("report " + shell_quoted(out.string()), folder.path()).status == 0);
  CHECK(fs::is_regular_file(report / "comparison.png"));
  CHECK(png_files(report) == 5);
  const std::string with_arms = read_text(report / "index.html");
  CHECK(occurrences(with_arms, "data:image/png;base64,") == 5);
  CHECK(with_arms.find("treated") != std::string::npos);
}

TEST_CASE("sim/report: a missing or foreign folder is invalid input, a missing interpreter or matplotlib a failure") {
  TempFolder folder("attune_report", "errors");
  auto result = run_attune("report " + shell_quoted((folder / "absent").string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("is not a folder") != std::string::npos);

  fs::create_directories(folder / "empty");
  result = run_attune("report " + shell_quoted((folder / "empty").string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("no summary.json") != std::string::npos);

  // A run folder, then interpreters that cannot draw.
  std::ofstream(folder / "small.yaml") << kSmall;
  const fs::path out = folder / "run";
  REQUIRE(run_attune("run " + shell_quoted((folder / "small.yaml").string()) + " --dyads 4 --out " + shell_quoted(out.string()),
                 folder.path()).status == 0);
  result = run_attune("report " + shell_quoted(out.string()), folder.path(), "ATTUNE_PYTHON=/nonexistent/python3 ");
  CHECK(result.status == 1);
  CHECK(result.err.find("no Python interpreter at /nonexistent/python3") != std::string::npos);

  // python3 -S skips site-packages, where matplotlib lives.
  const fs::path bare = folder / "bare-python";
  std::ofstream(bare) << "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n";
  fs::permissions(bare, fs::perms::owner_all);
  result = run_attune("report " + shell_quoted(out.string()), folder.path(), "ATTUNE_PYTHON=" + shell_quoted(bare.string()) + " ");
  CHECK(result.status == 1);
  CHECK(result.err.find("matplotlib is not installed") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "report" / "index.html"));
}

TEST_CASE("sim/report: a randomized comparison's report shows each arm's paired differences from control") {
  TempFolder folder("attune_report", "paired");
  const fs::path out = folder / "out";
  const std::string scenario = shell_quoted(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/intervention_home_visiting.yaml");
  REQUIRE(run_attune("run " + scenario + " --dyads 30 --out " + shell_quoted(out.string()), folder.path()).status == 0);
  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  CHECK(fs::is_regular_file(report / "comparison.png"));
  CHECK(fs::is_regular_file(report / "arm_differences.png"));
  const std::string page = read_text(report / "index.html");
  CHECK(page.find("Arms against control, dyad by dyad") != std::string::npos);
  CHECK(page.find("Cohen's h") != std::string::npos);
  // Two arms against control: a row per arm and class, and a row per arm and IWM mean.
  CHECK(occurrences(page, "<td>home_visiting_and_services</td><td>B</td>") == 1);
  CHECK(occurrences(page, "<td>home_visiting</td><td>iwm_availability</td>") == 1);
}

TEST_CASE("sim/report: a sweep folder's report plots the class shares across its cells and lists failed cells") {
  TempFolder folder("attune_report", "sweep");
  std::ofstream(folder / "small.yaml") << kSmall;
  std::ofstream(folder / "points.csv") << "caregiver.detection,caregiver.repair\n0.3,0.4\n0.6,0.4\n0.3,0.8\n0.6,2\n";
  std::ofstream(folder / "sweep.yaml") << "base: small.yaml\ndyads: 20\ndesign: csv\nfile: points.csv\n";
  const fs::path out = folder / "out";
  // One design row is out of range: the sweep finishes the other three and exits 3.
  REQUIRE(run_attune("sweep " + shell_quoted((folder / "sweep.yaml").string()) + " --out " + shell_quoted(out.string()),
                     folder.path())
              .status == 3);
  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  CHECK(fs::is_regular_file(report / "sweep_classes.png"));
  CHECK(fs::is_regular_file(report / "sweep_secure.png"));  // two swept parameters
  CHECK(fs::is_regular_file(report / "comparison.png"));
  const std::string page = read_text(report / "index.html");
  CHECK(occurrences(page, "data:image/png;base64,") == 3);
  CHECK(occurrences(page, "http://") + occurrences(page, "https://") == 0);
  CHECK(page.find("3 cells finished, 1 failed") != std::string::npos);
  CHECK(page.find("Failed cells") != std::string::npos);
  CHECK(page.find("points.csv line 5") != std::string::npos);
}

namespace {

const char* const kIndexHeader = "output,parameter,index,estimate,ci_lo,ci_hi,n\n";

/// Saltelli indices of two parameters for share_A..share_D (share_D constant: NA) and
/// twelve metric means: fifteen outputs to draw, three beyond the twelve panels.
std::string saltelli_indices() {
  std::string text = kIndexHeader;
  std::vector<std::string> outputs = {"share_A", "share_B", "share_C", "share_D"};
  for (int k = 0; k < 12; ++k) outputs.push_back("metric" + std::to_string(k) + "_mean");
  for (const auto& output : outputs) {
    for (const char* parameter : {"caregiver.detection", "caregiver.repair"}) {
      if (output == "share_D") {
        text += output + "," + parameter + ",S1,NA,NA,NA,64\n" + output + "," + parameter + ",ST,NA,NA,NA,64\n";
        continue;
      }
      text += output + "," + parameter + ",S1,0.41,0.33,0.49,64\n";
      text += output + "," + parameter + ",ST,0.52,NA,NA,64\n";  // an index without its CI
    }
    text += output + ",caregiver.detection:caregiver.repair,S2,0.03,-0.05,0.11,64\n";
  }
  return text;
}

std::string morris_indices() {
  std::string text = kIndexHeader;
  for (const char* output : {"share_A", "share_B", "iwm_availability_mean", "matched_share_mean"})
    for (const char* parameter : {"caregiver.detection", "caregiver.repair"}) {
      const std::string row = std::string(output) + "," + parameter + ",";
      text += row + "mu_star,0.12,0.08,0.15,20\n" + row + "mu,0.10,NA,NA,20\n" + row + "sigma,0.05,NA,NA,20\n";
    }
  return text;
}

}  // namespace

TEST_CASE("sim/report: a sweep folder's indices.csv adds the sensitivity indices, one panel per output, and their table") {
  TempFolder folder("attune_report", "indices");
  std::ofstream(folder / "small.yaml") << kSmall;
  std::ofstream(folder / "points.csv") << "caregiver.detection,caregiver.repair\n0.3,0.4\n0.6,0.8\n";
  std::ofstream(folder / "sweep.yaml") << "base: small.yaml\ndyads: 20\ndesign: csv\nfile: points.csv\n";
  const fs::path out = folder / "out";
  REQUIRE(run_attune("sweep " + shell_quoted((folder / "sweep.yaml").string()) + " --out " + shell_quoted(out.string()),
                     folder.path())
              .status == 0);
  const fs::path report = out / "report";
  const auto make_report = [&] {
    const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
    INFO("stderr:\n" << result.err);
    REQUIRE(result.status == 0);
    return read_text(report / "index.html");
  };
  // Without indices.csv: the class shares against the swept values, the plane, the bars.
  std::string page = make_report();
  CHECK(page.find("Sensitivity indices") == std::string::npos);
  CHECK(png_files(report) == 3);

  // Saltelli: S1 and ST bars, the constant output and those beyond the cap named, S1/ST and S2 tables.
  {
    std::ofstream(out / "indices.csv") << saltelli_indices();
    page = make_report();
    CHECK(page.find("<h2>Sensitivity indices</h2>") != std::string::npos);
    CHECK(page.find("Sobol indices (Saltelli)") != std::string::npos);
    CHECK(fs::is_regular_file(report / "sensitivity_sobol.png"));
    CHECK(png_files(report) == 4);
    CHECK(occurrences(page, "data:image/png;base64,") == 4);
    CHECK(occurrences(page, "http://") + occurrences(page, "https://") == 0);
    CHECK(page.find("an output constant over the design): share_D.") != std::string::npos);
    CHECK(page.find("beyond the 12 panels (the table lists them): metric9_mean, metric10_mean, metric11_mean.") !=
          std::string::npos);
    // A row per output and parameter (sixteen outputs), with S1, its CI, ST without one.
    CHECK(occurrences(page, "</td><td>caregiver.repair</td>") == 16);
    CHECK(occurrences(page, "<tr><td>share_B</td><td>caregiver.repair</td><td>0.41</td><td>[0.33, 0.49]</td>"
                            "<td>0.52</td><td>–</td><td>64</td></tr>") == 1);
    CHECK(occurrences(page, "<tr><td>share_D</td><td>caregiver.repair</td><td>–</td>") == 1);
    CHECK(page.find("Second-order indices (S2)") != std::string::npos);
    CHECK(occurrences(page, "<td>caregiver.detection × caregiver.repair</td><td>0.03</td><td>[-0.05, 0.11]</td>") == 16);
  }

  // Morris: mu* bars with CIs and sigma against mu*, and the table; the Sobol figure is gone.
  {
    std::ofstream(out / "indices.csv") << morris_indices();
    page = make_report();
    CHECK(page.find("Elementary effects (Morris)") != std::string::npos);
    CHECK(fs::is_regular_file(report / "sensitivity_morris.png"));
    CHECK(fs::is_regular_file(report / "sensitivity_morris_sigma.png"));
    CHECK_FALSE(fs::exists(report / "sensitivity_sobol.png"));
    CHECK(png_files(report) == 5);
    CHECK(occurrences(page, "data:image/png;base64,") == 5);
    CHECK(occurrences(page, "</td><td>caregiver.detection</td><td>0.12</td><td>[0.08, 0.15]</td><td>0.1</td>"
                            "<td>0.05</td><td>20</td></tr>") == 4);
    CHECK(page.find("Sobol indices") == std::string::npos);
  }

  // A malformed indices.csv is named on the page, which draws the rest.
  {
    std::ofstream(out / "indices.csv") << "estimate\n0.4\n";
    page = make_report();
    CHECK(page.find("indices.csv could not be read") != std::string::npos);
    CHECK(png_files(report) == 3);
    CHECK(page.find("Sweep cells") != std::string::npos);
  }
}

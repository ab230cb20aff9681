// `attune report DIR` on a calibration folder (sim/cli/report_command.cpp,
// analysis/report/calibration_report.py): a folder written by hand in the shape of
// sim/calibrate/calibration_output.cpp's files, so the page is tested without a calibration.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/html_tables.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// Two waves of four points, two ABC generations; caregiver.repair searched on the log
/// scale; the correlation component has no implausibility (null), as a failed best point would.
const char* const kCalibrationJson = R"({
  "attune_version": "0.0.0", "git_revision": "test", "calibration_file": "toy.yaml", "calibration_sha256": "00",
  "name": "toy", "seed": 7,
  "method": {"history_matching": {"waves": 2, "points": 4, "replicates": 2, "cutoff": 3.0, "candidates": 800},
             "abc": {"method": "smc", "particles": 4, "generations": 2, "keep": 0.5}},
  "waves": [{"wave": 1, "points": 4, "not_ruled_out": 2, "smallest_max_implausibility": 1.2,
             "candidates_screened": 800, "candidates_plausible": 300},
            {"wave": 2, "points": 4, "not_ruled_out": 3, "smallest_max_implausibility": 0.5,
             "candidates_screened": 800, "candidates_plausible": 500}],
  "generations": [{"generation": 1, "proposals": 8, "kept": 4, "tolerance": 0.9, "effective_sample_size": 4.0},
                  {"generation": 2, "proposals": 8, "kept": 4, "tolerance": 0.4, "effective_sample_size": 3.2}],
  "found_plausible_region": true,
  "posterior": {
    "caregiver.detection": {"mean": 0.5, "median": 0.49, "interval95": [0.4, 0.62], "prior": [0.1, 0.9],
                            "scale": "linear", "interval_share_of_range": 0.275},
    "caregiver.repair": {"mean": 0.9, "median": 0.8, "interval95": [0.3, 2.1], "prior": [0.1, 5.0],
                         "scale": "log", "interval_share_of_range": 0.5}},
  "best": {"parameters": {"caregiver.detection": 0.5, "caregiver.repair": 0.8},
           "from": "ABC particle closest to the targets",
           "fit": [{"target": "classes", "output": "share_B", "scale": "identity", "observed": 0.62,
                    "observed_interval95": [0.55, 0.69], "discrepancy_variance": 0.001, "simulated": 0.6,
                    "simulated_interval95": [0.57, 0.63], "replicates": 2, "implausibility": 0.4},
                   {"target": "security_by_detection", "output": "r_secure_caregiver.detection",
                    "scale": "fisher_z", "observed": 0.3, "observed_interval95": [0.2, 0.4],
                    "discrepancy_variance": 0.002, "simulated": 0.1, "simulated_interval95": [null, null],
                    "replicates": 1, "implausibility": null}]}
})";

const char* const kPosteriorCsv =
    "particle,caregiver.detection,caregiver.repair,weight,distance,sim_share_B,sim_r_secure_caregiver."
    "detection\n"
    "0,0.45,0.5,0.3,0.2,0.6,0.2\n"
    "1,0.5,0.8,0.4,0.1,0.61,0.25\n"
    "2,0.55,1.2,0.2,0.3,0.58,0.1\n"
    "3,0.6,2,0.1,0.35,0.57,NA\n";

const char* const kImplausibilityHeader =
    "wave,point,caregiver.detection,caregiver.repair,max_implausibility,I_share_B,I_r_secure_caregiver."
    "detection\n";
// The last wave's points at most the cutoff (3): nroy.csv.
const char* const kLastWavePlausible =
    "2,0,0.48,0.6,0.9,0.9,0.2\n2,1,0.52,0.9,0.5,0.5,0.1\n2,3,0.55,1.5,1.1,1.1,0.4\n";

/// The hand-made folder: every file attune calibrate writes on top, without the stage folders.
void write_calibration_folder(const fs::path& dir) {
  fs::create_directories(dir / "waves");
  write_text(dir / "calibration.json", kCalibrationJson);
  write_text(dir / "posterior.csv", kPosteriorCsv);
  write_text(
      dir / "waves" / "implausibility.csv",
      std::string(kImplausibilityHeader) +
          "1,0,0.2,0.2,5.1,5.1,2\n1,1,0.5,0.7,1.2,1.2,0.5\n1,2,0.8,3,NA,NA,NA\n1,3,0.45,1,2.5,2.5,1\n" +
          "2,0,0.48,0.6,0.9,0.9,0.2\n2,1,0.52,0.9,0.5,0.5,0.1\n2,2,0.7,4,3.5,3.5,1\n2,3,0.55,1.5,1.1,1.1,0."
          "4\n");
  write_text(dir / "nroy.csv", std::string(kImplausibilityHeader) + kLastWavePlausible);
  write_text(dir / "run.json",
             R"({"command_line": "attune calibrate toy.yaml --out cal", "wall_seconds": 12.5,
    "simulation_seconds": 12.0, "bookkeeping_seconds": 0.5, "bookkeeping_share": 0.0417})");
}

bool is_png(const fs::path& path) { return read_text(path).rfind("\x89PNG\r\n\x1a\n", 0) == 0; }

double calibration_number(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : std::nan("");
}

/// An interval cell: "[lo, hi]", or "–" where calibration.json has none (null).
bool shows_calibration_interval(const std::string& printed, const nlohmann::json& pair) {
  if (pair.is_null() || pair[0].is_null()) return printed == "–";
  return shows_interval(printed, calibration_number(pair[0]), calibration_number(pair[1]));
}

/// Every number in the page's waves, generations, posterior and targets tables is the one
/// calibration.json holds, to the printed precision, row for row.
void check_calibration_page_numbers(const std::string& page) {
  const auto calibration = nlohmann::json::parse(kCalibrationJson);
  const auto waves = html_table_after(page, "<h2>History-matching waves</h2>");
  REQUIRE(waves.size() == calibration["waves"].size());
  for (std::size_t i = 0; i < waves.size(); ++i) {
    const auto& w = calibration["waves"][i];
    INFO("wave row " << i);
    REQUIRE(waves[i].size() == 6);
    std::size_t k = 0;
    for (const char* key : {"wave", "points", "not_ruled_out", "smallest_max_implausibility", "candidates_screened",
                            "candidates_plausible"})
      CHECK(shows_value(waves[i][k++], calibration_number(w[key])));
  }
  const auto generations = html_table_after(page, "<h2>ABC generations</h2>");
  REQUIRE(generations.size() == calibration["generations"].size());
  for (std::size_t i = 0; i < generations.size(); ++i) {
    const auto& g = calibration["generations"][i];
    INFO("generation row " << i);
    CHECK(shows_value(generations[i][0], calibration_number(g["generation"])));
    CHECK(generations[i][1] == std::to_string(g["kept"].get<int>()) + " / " + std::to_string(g["proposals"].get<int>()));
    CHECK(shows_value(generations[i][2], calibration_number(g["tolerance"])));
    CHECK(shows_value(generations[i][3], calibration_number(g["effective_sample_size"])));
  }
  const auto posterior = html_table_after(page, "<h2>Posterior</h2>");
  REQUIRE(posterior.size() == calibration["posterior"].size());
  for (const auto& row : posterior) {
    INFO("posterior row " << row[0]);
    REQUIRE(calibration["posterior"].contains(row[0]));
    const auto& p = calibration["posterior"][row[0]];
    CHECK(shows_value(row[1], calibration_number(p["median"])));
    CHECK(shows_value(row[2], calibration_number(p["mean"])));
    CHECK(shows_calibration_interval(row[3], p["interval95"]));
    CHECK(shows_calibration_interval(row[4], p["prior"]));
    CHECK(row[5] == p["scale"].get<std::string>());
    CHECK(shows_value(row[6], calibration_number(p["interval_share_of_range"])));
    CHECK(shows_value(row[7], calibration_number(calibration["best"]["parameters"][row[0]])));
  }
  const auto targets = html_table_after(page, "<h2>Targets at the best point</h2>");
  REQUIRE(targets.size() == calibration["best"]["fit"].size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& f = calibration["best"]["fit"][i];
    const auto& row = targets[i];
    INFO("target row " << i << ": " << row[1]);
    REQUIRE(row.size() == 10);
    CHECK(row[0] == f["target"].get<std::string>());
    CHECK(row[1] == f["output"].get<std::string>());
    CHECK(shows_value(row[3], calibration_number(f["observed"])));
    CHECK(shows_calibration_interval(row[4], f["observed_interval95"]));
    CHECK(shows_value(row[5], calibration_number(f["simulated"])));
    CHECK(shows_calibration_interval(row[6], f["simulated_interval95"]));
    CHECK(shows_value(row[7], calibration_number(f["replicates"])));
    CHECK(shows_value(row[8], calibration_number(f["discrepancy_variance"])));
    CHECK(shows_value(row[9], calibration_number(f["implausibility"])));
  }
}

}  // namespace

TEST_CASE(
    "sim/report: a calibration folder's report draws the marginals, the pairs and the targets, with its "
    "tables") {
  TempFolder folder("attune_report", "calibration");
  const fs::path dir = folder / "cal";
  write_calibration_folder(dir);
  const auto result = run_attune("report " + shell_quoted(dir.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = dir / "report";
  for (const char* figure :
       {"calibration_marginals.png", "calibration_pairs.png", "calibration_targets.png"}) {
    INFO(figure);
    CHECK(is_png(report / figure));
  }
  const std::string page = read_text(report / "index.html");
  for (const char* name :
       {"caregiver.detection", "caregiver.repair", "share_B", "r_secure_caregiver.detection",
        "data:image/png;base64,", "History-matching waves", "ABC generations"})
    CHECK(page.find(name) != std::string::npos);
  // The posterior row: median, interval, prior range, scale, share of range, best point.
  CHECK(page.find("<tr><td>caregiver.repair</td><td>0.8</td><td>0.9</td><td>[0.3, 2.1]</td><td>[0.1, 5]</td>"
                  "<td>log</td><td>0.5</td><td>0.8</td></tr>") != std::string::npos);
  CHECK(page.find("<td>2</td><td>4 / 8</td><td>0.4</td><td>3.2</td>") != std::string::npos);
  CHECK(page.find("4.17% of the simulation time") != std::string::npos);
  CHECK(page.find("The last wave's 3 points not ruled out") != std::string::npos);
  check_calibration_page_numbers(page);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);

  // One free parameter: the marginal and the targets, no pairs.
  write_text(dir / "posterior.csv",
             "particle,caregiver.detection,weight,distance,sim_share_B\n0,0.45,0.6,0.2,0.6\n"
             "1,0.5,0.4,0.1,0.61\n");
  REQUIRE(run_attune("report " + shell_quoted(dir.string()), folder.path()).status == 0);
  CHECK(is_png(report / "calibration_marginals.png"));
  CHECK_FALSE(fs::exists(report / "calibration_pairs.png"));
  CHECK(read_text(report / "index.html").find("One free parameter: no pair plots.") != std::string::npos);
}

TEST_CASE("sim/report: a calibration folder without posterior.csv is invalid input, named as such") {
  TempFolder folder("attune_report", "calibration_partial");
  const fs::path dir = folder / "cal";
  write_calibration_folder(dir);
  fs::remove(dir / "posterior.csv");
  const auto result = run_attune("report " + shell_quoted(dir.string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("holds calibration.json but no posterior.csv") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "report" / "index.html"));
}

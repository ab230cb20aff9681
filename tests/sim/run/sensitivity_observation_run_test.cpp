// The sensitivity observation through a whole run: dyads.csv's columns, summary.json's
// block and statistics, and cells.csv's r_secure_observed_sensitivity; none of them
// without observations.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "analysis/comparison/summary_row.hpp"
#include "sim/run/run_population.hpp"
#include "sim/scenario/scenario.hpp"

using namespace attune;

namespace {

/// normative.yaml shortened: 9.2 months of two 2-minute bouts a day, the Strange
/// Situation at 9.1 months, the observations at 6 and 9.
Scenario observed_normative() {
  Scenario s = load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/normative.yaml");
  s.span_days = 280;
  s.bouts_per_day = 2;
  s.bout_seconds = 120;
  s.strange_situation.ages_months = {9.1};
  return s;
}

struct ObservedRun {
  std::string header;
  nlohmann::json summary;
};

ObservedRun run_observed(const Scenario& s, const std::string& name) {
  const auto out = std::filesystem::temp_directory_path() /
                   ("attune_observation_run_" + name + std::to_string(std::random_device{}()));
  RunOptions options;
  options.dyads = 40;
  options.seed = 9;
  options.threads = 2;
  options.show_progress = false;
  ObservedRun run;
  run.summary = run_population(s, options, out.string(), Provenance{"test", 2, options.seed, options.dyads, {}});
  std::ifstream dyads(out / "dyads.csv");
  std::getline(dyads, run.header);
  std::filesystem::remove_all(out);
  return run;
}

bool has_column(const std::string& header, const std::string& name) {
  return ("," + header + ",").find("," + name + ",") != std::string::npos;
}

}  // namespace

TEST_CASE("sim/run: observations of sensitivity reach dyads.csv, summary.json and a sweep's row") {
  const auto run = run_observed(observed_normative(), "with");
  CHECK(has_column(run.header, "observed_sensitivity_6"));
  CHECK(has_column(run.header, "observed_sensitivity_9"));
  CHECK(has_column(run.header, "observed_sensitivity"));
  REQUIRE(run.summary.contains("sensitivity_observation"));
  const auto& block = run.summary["sensitivity_observation"];
  CHECK(block["ages_months"] == nlohmann::json::array({6.0, 9.0}));
  REQUIRE(block["observations"].size() == 2);
  CHECK(block["observations"][0]["n"] == 40);
  CHECK(block["observed_sensitivity"]["n_classified"] == 40);
  CHECK(run.summary["metrics"].contains("observed_sensitivity"));
  const auto& variables = run.summary["statistics"]["variables"];
  const auto observed = std::find_if(variables.begin(), variables.end(), [](const nlohmann::json& v) {
    return v["variable"] == "observed_sensitivity";
  });
  REQUIRE(observed != variables.end());
  CHECK((*observed)["drawn_parameter"] == false);
  // The block's r and the statistics' r are the same number, computed twice.
  CHECK((*observed)["point_biserial_r"].get<double>() ==
        Approx(block["observed_sensitivity"]["point_biserial_r"].get<double>()));
  const auto row = summary_row(run.summary);
  CHECK(std::find(row.names.begin(), row.names.end(), "r_secure_observed_sensitivity") != row.names.end());
  CHECK(std::find(row.names.begin(), row.names.end(), "observed_sensitivity_mean") != row.names.end());
}

TEST_CASE("sim/run: without observations there is no observed sensitivity anywhere") {
  Scenario s = observed_normative();
  s.sensitivity_observation.ages_months.clear();
  const auto run = run_observed(s, "without");
  CHECK(run.header.find("observed_sensitivity") == std::string::npos);
  CHECK_FALSE(run.summary.contains("sensitivity_observation"));
  CHECK_FALSE(run.summary["metrics"].contains("observed_sensitivity"));
  const auto row = summary_row(run.summary);
  CHECK(std::find(row.names.begin(), row.names.end(), "r_secure_observed_sensitivity") == row.names.end());
}

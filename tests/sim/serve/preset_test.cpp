// The teaching page's presets (sim/serve/preset*.cpp): the shipped scenarios compiled in,
// read through the scenario loader with their bases from the same texts, with the sliders
// applied on top of each preset's merged tree.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "models/parameter_table.hpp"
#include "sim/run/driver.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "tests/support/parameter_draws.hpp"
#include "sim/serve/page_scenario.hpp"
#include "sim/serve/preset.hpp"
#include "sim/serve/preset_catalog.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "tests/sim/serve/running_server.hpp"

using namespace attune;
using namespace attune::serve;

namespace {

/// The scenarios folder's files that are not presets, and why: a new shipped scenario is
/// either added to CMakeLists.txt's ATTUNE_PRESETS or named here.
const std::map<std::string, std::string> kNotPresets = {
    {"calibrate_normative", "a calibration's settings, not a scenario"},
    {"calibrate_recovery", "a calibration's settings, not a scenario"},
    {"recovery_base", "the calibration example's synthetic base"},
    {"recovery_truth", "the calibration example's synthetic study"},
    {"sweep_saltelli_caregiver", "a sweep's settings, not a scenario"},
    {"sweep_sensitivity_repair", "a sweep's settings, not a scenario"},
};

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}


}  // namespace

TEST_CASE("sim/serve/presets: the presets are the shipped scenarios folder's, as its files say", "[serve]") {
  std::set<std::string> shipped;
  for (const auto& entry : std::filesystem::directory_iterator(ATTUNE_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string stem = entry.path().stem().string();
    if (!kNotPresets.count(stem)) shipped.insert(stem);
  }
  std::set<std::string> compiled;
  for (const auto& preset : preset_texts()) {
    INFO(preset.id);
    compiled.insert(std::string(preset.id));
    CHECK(preset.text ==
          file_bytes(std::string(ATTUNE_SOURCE_DIR "/scenarios/") + std::string(preset.id) + ".yaml"));
  }
  CHECK(compiled == shipped);
  CHECK(preset_texts().front().id == "normative");  // the page's default comes first
}

TEST_CASE("sim/serve/presets: every preset loads from the compiled-in texts as from disk and runs", "[serve]") {
  for (const auto& preset : preset_texts()) {
    const std::string id(preset.id);
    INFO(id);
    const Scenario disk = load_scenario(ATTUNE_SOURCE_DIR "/scenarios/" + id + ".yaml");
    const Scenario compiled = teaching_scenario({}, 3, id);
    CHECK(compiled.sha256 == disk.sha256);  // the same bytes, bases included
    CHECK(compiled.seed == disk.seed);
    CHECK(compiled.span_days == disk.span_days);
    CHECK(compiled.population == disk.population);
    CHECK(compiled.strange_situation == disk.strange_situation);
    CHECK(compiled.still_face == disk.still_face);
    CHECK(compiled.family == disk.family);
    CHECK(compiled.arms.size() == disk.arms.size());
    CHECK(compiled.dyads == 3);
    RunOptions options;
    options.dyads = compiled.dyads;
    options.seed = compiled.seed;
    options.threads = 1;
    std::uint64_t lived = 0;
    run_dyads(compiled, options, [&](const DyadRecord&) { ++lived; });
    for (const Arm& arm : compiled.arms) {
      options.arm = &arm;
      run_dyads(compiled, options, [&](const DyadRecord&) { ++lived; });
    }
    CHECK(lived == 3 * (1 + compiled.arms.size()));
  }
}

TEST_CASE("sim/serve/presets: sliders start at the preset's values and edit its merged tree", "[serve]") {
  CHECK(preset_control_values("normative").at("depression_at_birth") == 0.08);
  CHECK(preset_control_values("risk_depression").at("depression_at_birth") == 0.35);
  CHECK(preset_control_values("risk_trauma").at("unresolved") == 0.5);
  CHECK(preset_control_values("risk_poverty").at("poverty") == Approx(0.8));  // its uniform's mean
  CHECK(preset_control_values("risk_poverty").at("support") == 0.2);

  // A slider replaces its own parameter and keeps the preset's others.
  const Scenario depressed = teaching_scenario({{"depression_at_birth", 0.2}}, 10, "risk_depression");
  CHECK(testing::drawn_distribution(depressed, "stressors", "depression_at_birth").value == 0.2);
  CHECK(testing::drawn_distribution(depressed, "stressors", "depression_onset").value == 0.6);
  // A mean slider keeps the preset's spread, not normative's (SD 0.25 here, 0.18 there).
  const Scenario trauma = teaching_scenario({{"unresolved", 0.4}}, 10, "risk_trauma");
  const Scenario trauma_file = teaching_scenario({}, 10, "risk_trauma");
  const Distribution& moved = testing::drawn_distribution(trauma, "caregiver", "unresolved");
  const Distribution& kept = testing::drawn_distribution(trauma_file, "caregiver", "unresolved");
  CHECK(mean(moved) == Approx(0.4));
  const auto beta_variance = [](const Distribution& d) {
    const double n = d.alpha + d.beta;
    return d.alpha * d.beta / (n * n * (n + 1));
  };
  CHECK(beta_variance(moved) == Approx(0.25 * 0.25));
  CHECK(beta_variance(kept) == Approx(0.25 * 0.25));
  // A fixed slider replaces a preset's drawn parameter for every dyad.
  const Scenario poor = teaching_scenario({{"poverty", 0.3}}, 10, "risk_poverty");
  CHECK(testing::drawn_distribution(poor, "stressors", "poverty").kind == DistributionKind::fixed);
  CHECK(testing::drawn_distribution(poor, "stressors", "poverty").value == 0.3);
  CHECK(testing::drawn_distribution(poor, "stressors", "poverty_stress").value == 0.02);
  // The sliders apply to an arms preset too, and its arms stay.
  CHECK(teaching_scenario({{"repair", 0.3}}, 10, "intervention_home_visiting").arms.size() == 3);

  CHECK_THROWS_WITH(teaching_scenario({}, 10, "risk_nope"),
                    Catch::Contains("unknown preset 'risk_nope'; expected one of: normative, risk_combined"));
  // In the slider's range, yet too low a mean for risk_trauma's wide beta: the key is named.
  CHECK_THROWS_WITH(teaching_scenario({{"unresolved", 0.05}}, 10, "risk_trauma"),
                    Catch::Contains("unresolved=0.05 do not fit preset risk_trauma") &&
                        Catch::Contains("population.caregiver.unresolved.sd"));
  CHECK_THROWS_AS(teaching_scenario({{"unresolved", 0.05}}, 10, "risk_trauma"), ControlError);
}

TEST_CASE("sim/serve/presets: GET /api/presets describes each preset - preset= picks it on every endpoint",
          "[serve]") {
  test::RunningServer server;
  auto client = server.client();
  const auto answer = client.Get("/api/presets");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const auto presets = nlohmann::json::parse(answer->body)["presets"];
  REQUIRE(presets.size() == preset_texts().size());
  std::map<std::string, nlohmann::json> by_id;
  for (std::size_t i = 0; i < presets.size(); ++i) {
    CHECK(presets[i]["id"] == preset_texts()[i].id);
    CHECK_FALSE(presets[i]["title"].get<std::string>().empty());
    by_id[presets[i]["id"]] = presets[i];
  }
  CHECK(by_id["normative"]["changes"].empty());
  CHECK(by_id["normative"]["classes"] == true);
  CHECK(by_id["normative"]["span_months"] == 12.0);
  const auto& depression = by_id["risk_depression"];
  CHECK(depression["controls"]["depression_at_birth"] == 0.35);
  CHECK_THAT(depression["changes"].dump(),
             Catch::Contains("(population.stressors.depression_at_birth): 0.35 (normative 0.08, the table's default)"));
  // A preset restating a table default (risk_substance's duration, 120 days) changes nothing there.
  CHECK(by_id["risk_substance"]["changes"].size() == 1);
  CHECK(by_id["intervention_home_visiting"]["arms"] ==
        nlohmann::json::array({"control", "home_visiting", "home_visiting_and_services"}));
  // Arms, families and settings in words a class reads, not YAML.
  CHECK_THAT(by_id["intervention_home_visiting"]["changes"].dump(),
             Catch::Contains("Arm home_visiting: video_feedback from 6 months, taken up by 0.8 of caregivers: "
                             "caregiver.detection +0.1, caregiver.promptness +0.1, caregiver.repair +0.12, "
                             "caregiver.rejection x0.5"));
  CHECK_THAT(by_id["intervention_home_visiting"]["changes"].dump(),
             Catch::Contains("whenever caregiver stress is above 0.5 for 14 days"));
  CHECK_THAT(by_id["two_caregivers"]["changes"].dump(),
             Catch::Contains("Caregiver father: 0.3 of the infant's bouts, resemblance to the first caregiver 0.5; "
                             "own traits: detection beta, mean 0.40, sd 0.14"));
  CHECK_THAT(by_id["two_caregivers"]["changes"].dump(), Catch::Contains("Tie grandmother -> mother: gives support 0.5"));
  CHECK_THAT(by_id["still_face"]["changes"].dump(),
             Catch::Contains("Strange Situation at these ages in months: none (normative 12)"));
  CHECK_THAT(by_id["risk_infant_cues"]["changes"].dump(),
             Catch::Contains("drawn for each dyad from a beta, mean 0.6, sd 0.15"));
  for (const auto& preset : by_id)
    for (const auto& line : preset.second["changes"]) CHECK_THAT(line.get<std::string>(), !Catch::Contains("{"));
  CHECK(by_id["still_face"]["classes"] == false);
  CHECK(by_id["still_face"]["still_face"] == true);
  CHECK(by_id["contingency_replay"]["span_months"] == 3.0);

  for (const char* path : {"/api/population?preset=nope", "/api/trace?preset=nope", "/api/still_face?preset=nope"}) {
    INFO(path);
    const auto refused = client.Get(path);
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK_THAT(refused->body, Catch::Contains("unknown preset 'nope'; expected one of: normative, risk_combined"));
  }
  // The preset reaches the run: a traced dyad of a 3-month preset has no day 200.
  const auto short_span = client.Get("/api/trace?preset=contingency_replay&day=200");
  REQUIRE(short_span);
  CHECK(short_span->status == 400);
  CHECK_THAT(short_span->body, Catch::Contains("day must lie in [0, 91]"));
}

TEST_CASE("sim/serve/presets: a query's text gives the scenario its request would", "[serve]") {
  const Query query =
      read_query_text("preset=risk_depression&depression_at_birth=0.2&dyads=30", page_scenario_keys());
  const Scenario scenario = page_scenario(query, 1000, 5000);
  CHECK(scenario.dyads == 30);
  CHECK(scenario.sha256 == teaching_scenario({}, 30, "risk_depression").sha256);
  CHECK(testing::drawn_distribution(scenario, "stressors", "depression_at_birth").value == 0.2);
  CHECK(page_scenario(read_query_text("", page_scenario_keys()), 1000, 5000).dyads == 1000);
  CHECK_THROWS_WITH(page_scenario(read_query_text("dyads=9000", page_scenario_keys()), 1000, 5000),
                    Catch::Contains("dyads must be a whole number in [1, 5000]"));
  CHECK_THROWS_WITH(read_query_text("preset=normative&preset=normative", page_scenario_keys()),
                    Catch::Contains("preset is given more than once"));
  CHECK_THROWS_WITH(read_query_text("day=3", page_scenario_keys()), Catch::Contains("unknown parameter 'day'"));
}

TEST_CASE("sim/serve/presets: sliders sent at a preset's own values leave its population alone", "[serve]") {
  // The page sends every slider; at rest they must not fix a drawn parameter at its mean
  // (risk_poverty's poverty ~ uniform(0.6, 1) read as 0.8) nor pin a table default.
  for (const auto& preset : preset_texts()) {
    const std::string id(preset.id);
    INFO(id);
    const Scenario untouched = teaching_scenario({}, 3, id);
    const Scenario at_rest = teaching_scenario(preset_control_values(id), 3, id);
    CHECK(at_rest.population == untouched.population);
    CHECK(at_rest.correlations == untouched.correlations);
    CHECK(at_rest.sha256 == untouched.sha256);
    CHECK(at_rest.family == untouched.family);
    CHECK(at_rest.strange_situation == untouched.strange_situation);
    CHECK(at_rest.still_face == untouched.still_face);
    CHECK(at_rest.sensitivity_observation == untouched.sensitivity_observation);
    REQUIRE(at_rest.arms.size() == untouched.arms.size());
    for (std::size_t i = 0; i < at_rest.arms.size(); ++i)
      CHECK(at_rest.arms[i].intervention_names == untouched.arms[i].intervention_names);
    CHECK(at_rest.overrides.empty());
  }
  // One step away the slider moves: poverty fixed for every dyad.
  const Scenario moved = teaching_scenario({{"poverty", 0.75}}, 3, "risk_poverty");
  CHECK(testing::drawn_distribution(moved, "stressors", "poverty").kind == DistributionKind::fixed);
  CHECK(testing::drawn_distribution(moved, "stressors", "poverty").value == 0.75);
  // Where the page's range input puts the preset's value (within half a step), it is at rest.
  CHECK(teaching_scenario({{"poverty", 0.8 + 0.02}}, 3, "risk_poverty").population ==
        teaching_scenario({}, 3, "risk_poverty").population);
}

TEST_CASE("sim/serve/presets: a moved slider is recorded as the --set it amounts to", "[serve]") {
  const Scenario scenario = teaching_scenario({{"sensitivity", 0.5}, {"poverty", 0.3}}, 10, "risk_poverty");
  // The preset's files are unchanged, so sha256 alone cannot tell this run from the preset's.
  CHECK(scenario.sha256 == teaching_scenario({}, 10, "risk_poverty").sha256);
  REQUIRE(scenario.overrides.size() == 5);  // poverty, then the four sensitivity means (the sliders' ids in order)
  CHECK(scenario.overrides[0] == "stressors.poverty=0.3");
  CHECK_THAT(scenario.overrides[1], Catch::StartsWith("caregiver.detection.mean="));
  // Read back as --set on the preset's file, the record gives the same population.
  const Scenario replayed =
      load_scenario(ATTUNE_SOURCE_DIR "/scenarios/risk_poverty.yaml", parse_overrides(scenario.overrides, "--set"));
  CHECK(replayed.population == scenario.population);
  CHECK(replayed.correlations == scenario.correlations);
  CHECK(replayed.overrides == scenario.overrides);
}

TEST_CASE("sim/serve/presets: a preset's arms each live the dyads, so dyads x arms is what --max-dyads bounds",
          "[serve]") {
  const auto arms_query = [](const std::string& rest) {
    return read_query_text("preset=intervention_home_visiting" + rest, page_scenario_keys());
  };
  CHECK_THROWS_WITH(page_scenario(arms_query("&dyads=2000"), 1000, 5000),
                    "dyads=2000 with 3 arms is 6000 dyads, over this server's limit of 5000 (attune serve --max-dyads)");
  CHECK(page_scenario(arms_query("&dyads=1666"), 1000, 5000).dyads == 1666);
  // The default shrinks to fit the arms (5000 / 3), and stays when it fits.
  CHECK(page_scenario(arms_query(""), 5000, 5000).dyads == 1666);
  CHECK(page_scenario(arms_query(""), 1000, 5000).dyads == 1000);
  // One dyad's day or the still-face lives the untreated population only.
  CHECK(page_scenario(arms_query("&dyads=2000"), 1000, 5000, ArmsLived::untreated).dyads == 2000);
  // Without arms the limit is the dyads themselves.
  CHECK(page_scenario(read_query_text("dyads=5000", page_scenario_keys()), 1000, 5000).dyads == 5000);

  test::RunningServer server;
  auto client = server.client();
  const auto refused = client.Get("/api/population?preset=intervention_home_visiting&dyads=2000");
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK_THAT(refused->body, Catch::Contains("dyads=2000 with 3 arms is 6000 dyads, over this server's limit of 5000"));
}

TEST_CASE("sim/serve/presets: every slider moved on every preset runs or is refused naming it", "[serve]") {
  for (const auto& preset : preset_texts()) {
    const std::string id(preset.id);
    for (const auto& control : teaching_controls()) {
      INFO(id << " " << control.id);
      // Two steps from the preset's value, inside the slider's range.
      const double at_rest = preset_control_values(id).at(control.id);
      const double moved = at_rest + 2 * control.step <= control.max ? at_rest + 2 * control.step
                                                                       : at_rest - 2 * control.step;
      try {
        const Scenario scenario = teaching_scenario({{control.id, moved}}, 3, id);
        CHECK_FALSE(scenario.overrides.empty());
      } catch (const ControlError& e) {
        CHECK_THAT(e.what(), Catch::Contains(control.id));
      }
    }
  }
}

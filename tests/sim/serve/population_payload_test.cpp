// The population stream's payload beyond the classes (sim/serve/population_stream.cpp,
// analysis/run/teaching_page.cpp): each arm's dyads are those `attune run` gives that arm,
// dyads without a Strange Situation are counted as unclassified, and the development
// means are development.csv's, for the whole stream and for each arm.
#include <catch2/catch.hpp>

#include <array>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/statistics/proportion.hpp"
#include "sim/run/run_population.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "tests/sim/serve/running_server.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::serve;

namespace {

/// The data of every event of a stream (`counts` events, then `done`), read through a real socket.
std::vector<nlohmann::json> streamed_events(const std::string& path) {
  test::RunningServer server;
  auto client = server.client();
  std::string stream;
  const auto answer = client.Get(path.c_str(), [&](const char* data, std::size_t size) {
    stream.append(data, size);
    return true;
  });
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const std::regex event("event: (counts|done)\ndata: (\\{[^\n]*\\})\n\n");
  std::vector<nlohmann::json> events;
  for (auto it = std::sregex_iterator(stream.begin(), stream.end(), event); it != std::sregex_iterator(); ++it)
    events.push_back(nlohmann::json::parse((*it)[2].str()));
  INFO(stream);
  REQUIRE(stream.find("event: done") != std::string::npos);
  return events;
}

/// The data of the stream's last event (`done`).
nlohmann::json streamed_end(const std::string& path) { return streamed_events(path).back(); }

/// development.csv's month, n_dyads and the means the page shows, as the stream names them.
nlohmann::json development_csv(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream names(line);
  for (std::string name; std::getline(names, name, ',');) header.push_back(name);
  nlohmann::json months = nlohmann::json::array();
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    nlohmann::json month;
    std::size_t c = 0;
    for (std::string cell; std::getline(cells, cell, ','); ++c) {
      const std::string& name = header.at(c);
      if (name == "month") month["month"] = std::stoi(cell);
      if (name == "n_dyads") month["n"] = std::stoull(cell);
      for (const char* shown : {"availability", "deactivation", "hyperactivation", "fear"})
        if (name == std::string("iwm_") + shown + "_mean") month[shown] = std::strtod(cell.c_str(), nullptr);
    }
    months.push_back(month);
  }
  return months;
}

std::vector<std::uint64_t> class_counts(const nlohmann::json& counts) {
  return {counts["A"], counts["B"], counts["C"], counts["D"]};
}

std::vector<std::uint64_t> summary_class_counts(const std::filesystem::path& summary_file) {
  std::ifstream in(summary_file);
  const auto classification = nlohmann::json::parse(in)["classification"];
  return {classification["A"]["count"], classification["B"]["count"], classification["C"]["count"],
          classification["D"]["count"]};
}

}  // namespace

TEST_CASE("sim/serve/stream: each arm streams the classes and development `attune run` gives that arm",
          "[serve]") {
  // More than one block of records (the first is 32) in each arm, so an arm's dyads are
  // offset right across blocks, and the arms' blocks follow one another; no more, as the
  // sanitized tier lives each dyad ~50 times slower.
  constexpr std::uint64_t kDyads = 33;
  const auto events =
      streamed_events("/api/population?preset=intervention_home_visiting&dyads=" + std::to_string(kDyads));
  REQUIRE(events.size() >= 7);  // at least two blocks an arm, three arms, then done
  for (std::size_t i = 1; i < events.size() - 1; ++i) {
    INFO(i);
    CHECK(events[i]["done"] > events[i - 1]["done"]);  // strictly: each counts event a new block
    CHECK(events[i]["total"] == 3 * kDyads);
  }
  const nlohmann::json& end = events.back();
  CHECK(end["total"] == 3 * kDyads);  // every arm lives the same dyads
  CHECK(end["done"] == 3 * kDyads);
  CHECK(events[events.size() - 2]["done"] == 3 * kDyads);  // the last counts event, as done
  CHECK(end["unclassified"] == 0);

  // `attune run` on the same preset: run_arms into arms/<arm>/.
  const attune::testing::TempFolder out("attune_serve", "arms_stream");
  const Scenario scenario = teaching_scenario({}, kDyads, "intervention_home_visiting");
  RunOptions options;
  options.dyads = kDyads;
  options.seed = scenario.seed;
  options.threads = 2;
  run_arms(scenario, options, out.path().string(), Provenance{"test", 2, options.seed, kDyads, {}});

  REQUIRE(end["arms"].size() == scenario.arms.size());
  std::vector<std::uint64_t> all(4, 0);
  for (std::size_t i = 0; i < scenario.arms.size(); ++i) {
    const auto& arm = end["arms"][i];
    const auto folder = out / ("arms/" + scenario.arms[i].name);
    INFO(scenario.arms[i].name);
    CHECK(arm["name"] == scenario.arms[i].name);
    CHECK(arm["done"] == kDyads);
    CHECK(arm["unclassified"] == 0);
    CHECK(class_counts(arm) == summary_class_counts(folder / "summary.json"));
    CHECK(arm["development"] == development_csv(folder / "development.csv"));  // the same doubles
    for (int k = 0; k < 4; ++k) all[k] += class_counts(arm)[k];
  }
  CHECK(class_counts(end) == all);  // the whole stream is every arm's dyads
  // The arms differ from month 6 (the home visits' start): the comparison is not a copy.
  CHECK(end["arms"][0]["development"] != end["arms"][1]["development"]);
}

TEST_CASE("sim/serve/stream: the whole stream's development is development.csv's", "[serve]") {
  constexpr std::uint64_t kDyads = 16;
  const nlohmann::json end = streamed_end("/api/population?preset=risk_depression&dyads=16");
  CHECK(end["arms"] == nlohmann::json::array());
  const attune::testing::TempFolder out("attune_serve", "development_stream");
  const Scenario scenario = teaching_scenario({}, kDyads, "risk_depression");
  RunOptions options;
  options.dyads = kDyads;
  options.seed = scenario.seed;
  run_population(scenario, options, out.path().string(), Provenance{"test", 2, options.seed, kDyads, {}});
  const auto expected = development_csv(out / "development.csv");
  REQUIRE(expected.size() == 12);
  CHECK(end["development"] == expected);
  CHECK(class_counts(end) == summary_class_counts(out / "summary.json"));
}

TEST_CASE("sim/serve/stream: dyads without a Strange Situation are counted as unclassified", "[serve]") {
  const nlohmann::json end = streamed_end("/api/population?preset=contingency_replay&dyads=6");
  CHECK(end["total"] == 12);
  CHECK(end["unclassified"] == 12);
  CHECK(class_counts(end) == std::vector<std::uint64_t>(4, 0));
  REQUIRE(end["arms"].size() == 2);
  CHECK(end["arms"][1]["name"] == "replay");
  CHECK(end["arms"][1]["unclassified"] == 6);
  CHECK(end["development"].size() == 3);  // a span of 3 months
}

TEST_CASE("sim/serve/compare: two populations' classes with Newcombe's interval of each difference", "[serve]") {
  test::RunningServer server;
  auto client = server.client();
  const auto answer = client.Get("/api/compare?baseline=150,620,150,80&current=200,500,120,180");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const auto compared = nlohmann::json::parse(answer->body);
  CHECK(compared["n_baseline"] == 1000);
  CHECK(compared["n_current"] == 1000);
  const std::array<std::uint64_t, 4> baseline{150, 620, 150, 80}, current{200, 500, 120, 180};
  for (int k = 0; k < 4; ++k) {
    const std::string label(1, "ABCD"[k]);
    INFO(label);
    const auto expected = analysis::difference_of_proportions(current[k], 1000, baseline[k], 1000);
    CHECK(compared[label]["baseline"] == baseline[k] / 1000.0);
    CHECK(compared[label]["current"] == current[k] / 1000.0);
    CHECK(compared[label]["difference"] == expected.difference);
    CHECK(compared[label]["ci95"] == nlohmann::json::array({expected.ci95.lo, expected.ci95.hi}));
  }
  // D rose from 8 % to 18 %: an interval that excludes no change.
  CHECK(compared["D"]["ci95"][0].get<double>() > 0);

  // Newcombe (1998, Statistics in Medicine 17:873-890, Table II, example (a), method 10):
  // 56/70 against 48/80 gives a difference of 0.2 with the interval 0.0524 to 0.3339
  // (published to four decimals, hence the margin of half a unit in the last).
  const auto worked = client.Get("/api/compare?baseline=48,32,0,0&current=56,14,0,0");
  REQUIRE(worked);
  REQUIRE(worked->status == 200);
  const auto a = nlohmann::json::parse(worked->body)["A"];
  CHECK(a["difference"].get<double>() == Approx(0.2).margin(1e-12));
  CHECK(a["ci95"][0].get<double>() == Approx(0.0524).margin(5e-5));
  CHECK(a["ci95"][1].get<double>() == Approx(0.3339).margin(5e-5));

  const std::vector<std::pair<std::string, std::string>> refused = {
      {"/api/compare?baseline=1,2,3,4", "current must be four whole numbers in [0, 10000000]"},
      {"/api/compare?baseline=1,2,3&current=1,2,3,4", "baseline must be four whole numbers"},
      {"/api/compare?baseline=1,2,3,4,5&current=1,2,3,4", "got '1,2,3,4,5'"},
      {"/api/compare?baseline=1,2,-3,4&current=1,2,3,4", "baseline must be four"},
      {"/api/compare?baseline=0,0,0,0&current=1,2,3,4", "at least one dyad in all"},
      {"/api/compare?baseline=1,2,3,4&current=1,2,3,10000001", "current must be four"},
      {"/api/compare?baseline=1,2,3,4&current=1,2,3,4&repair=0.5", "takes only baseline and current"},
  };
  for (const auto& [path, message] : refused) {
    INFO(path);
    const auto refusal = client.Get(path.c_str());
    REQUIRE(refusal);
    CHECK(refusal->status == 400);
    CHECK_THAT(refusal->body, Catch::Contains(message));
  }
}

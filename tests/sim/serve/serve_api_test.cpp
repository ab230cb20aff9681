// The HTTP API of `attune serve` (serve/teaching_server.cpp), through a real socket:
// bad query values are answered 400 with a message, and a population run streams
// growing class counts whose end is the same population as an ordinary run.
#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "sim/serve/http.hpp"
#include <nlohmann/json.hpp>

#include "sim/serve/population_stream.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "sim/serve/teaching_server.hpp"
#include "sim/run/driver.hpp"
#include "tests/sim/serve/running_server.hpp"

using namespace attune;
using namespace attune::serve;
using attune::serve::test::RunningServer;

namespace {

std::array<std::uint64_t, 4> classes(const nlohmann::json& counts) {
  return {counts["A"].get<std::uint64_t>(), counts["B"].get<std::uint64_t>(), counts["C"].get<std::uint64_t>(),
          counts["D"].get<std::uint64_t>()};
}

}  // namespace

TEST_CASE("sim/serve/api: bad query values are answered 400 with a message naming them") {
  RunningServer server;
  auto client = server.client();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/population?sensitivity=2", "sensitivity must lie in [0.25, 1.5]"},
      {"/api/population?repair=abc", "repair must be a number"},
      {"/api/population?repair=nan", "repair must be a number"},
      {"/api/population?rejection_share=0.5", "unknown parameter 'rejection_share'"},
      {"/api/population?day=3", "unknown parameter 'day'"},
      {"/api/population?dyads=0", "dyads must be a whole number in [1, 5000]"},
      {"/api/population?dyads=100000", "dyads must be a whole number in [1, 5000]"},
      {"/api/population?poverty=0.2&poverty=0.3", "poverty is given more than once"},
      // httplib keeps one copy of a repeated key=value pair: the request line itself is read.
      {"/api/population?poverty=0.2&poverty=0.2", "poverty is given more than once"},
      {"/api/trace?day=3&d%61y=3", "day is given more than once"},
      {"/api/trace?day=365", "day must lie in [0, 364]"},
      {"/api/trace?dyad=1000", "dyad must lie in [0, 999]"},
  };
  for (const auto& [path, message] : cases) {
    INFO(path);
    const auto answer = client.Get(path.c_str());
    REQUIRE(answer);
    CHECK(answer->status == 400);
    CHECK_THAT(answer->body, Catch::Contains(message));
  }
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("/chart.umd.js"));
  const auto controls = client.Get("/api/controls");
  REQUIRE(controls);
  CHECK(nlohmann::json::parse(controls->body)["controls"].size() == teaching_controls().size());
}

TEST_CASE("sim/serve/api: a population run streams growing counts and ends with the ordinary run's classes") {
  RunningServer server;
  auto client = server.client();
  constexpr std::uint64_t kDyads = 48;  // blocks of 32 and 16: two counts events
  std::string stream;
  const auto answer = client.Get(("/api/population?rejection=0.5&dyads=" + std::to_string(kDyads)).c_str(),
                                 [&](const char* data, std::size_t size) {
                                   stream.append(data, size);
                                   return true;
                                 });
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->get_header_value("Content-Type") == "text/event-stream");

  std::vector<std::pair<std::string, nlohmann::json>> events;
  const std::regex event_pattern("event: (\\w+)\ndata: (\\{[^\n]*\\})\n\n");
  for (std::sregex_iterator it(stream.begin(), stream.end(), event_pattern), end; it != end; ++it)
    events.emplace_back((*it)[1].str(), nlohmann::json::parse((*it)[2].str()));
  INFO(stream);
  REQUIRE(events.size() == 3);
  CHECK(events[0].first == "counts");
  CHECK(events[0].second["done"] == 32);
  CHECK(events[1].first == "counts");
  CHECK(events[2].first == "done");
  CHECK(events[2].second == events[1].second);
  const auto first = classes(events[0].second), last = classes(events[2].second);
  std::uint64_t total = 0;
  for (int k = 0; k < 4; ++k) {
    CHECK(first[k] <= last[k]);  // counts only grow
    total += last[k];
  }
  CHECK(total == kDyads);

  // The same population run the ordinary way, in blocks of 256.
  const Scenario scenario = teaching_scenario({{"rejection", 0.5}}, kDyads);
  RunOptions options;
  options.dyads = kDyads;
  options.seed = scenario.seed;
  std::array<std::uint64_t, 4> direct{};
  run_dyads(scenario, options, [&](const DyadRecord& r) {
    ++direct[static_cast<std::size_t>(static_cast<char>(r.strange_situation[0].coding.classification) - 'A')];
  });
  CHECK(last == direct);

  // A dyad's traced day is the same life: its class is the class the run gave it.
  const auto trace = client.Get("/api/trace?rejection=0.5&dyad=0&day=30");
  REQUIRE(trace);
  REQUIRE(trace->status == 200);
  const auto day = nlohmann::json::parse(trace->body);
  CHECK(day["arousal"].size() == static_cast<std::size_t>(scenario.bouts_per_day * scenario.bout_seconds));
  CHECK(day["rupture"].size() == day["arousal"].size());
  std::string class_of_dyad_0;
  options.dyads = 1;
  run_dyads(scenario, options, [&](const DyadRecord& r) {
    class_of_dyad_0 = std::string(1, static_cast<char>(r.strange_situation[0].coding.classification));
  });
  CHECK(day["classification"] == class_of_dyad_0);
}

TEST_CASE("sim/serve/api: a stream whose reader stops is cancelled before the next block") {
  const Scenario scenario = teaching_scenario({}, 1000);
  std::atomic<bool> server_stopping{false};
  int reports = 0;
  std::uint64_t consumed = 0;
  const auto counts = stream_population(
      scenario, 2, server_stopping, [&](const DyadRecord&, std::size_t) { ++consumed; },
      [&](const StreamProgress&) {
        ++reports;
        return false;  // the page went away
      });
  CHECK(consumed == 32);
  CHECK(reports == 1);
  CHECK(counts.done == 32);
  CHECK(counts.total == 1000);
}

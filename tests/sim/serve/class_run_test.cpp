// A class question's run (sim/serve/class_room.cpp, class_run.cpp, class_result.cpp)
// through real loopback sockets: its counts are exactly the population stream's for the
// same query, its baseline the preset's without slider changes (run once, then cached),
// its differences Newcombe's intervals; a run takes a run slot, only one runs at a time,
// and stopping the server ends it at its next block.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/statistics/proportion.hpp"
#include "tests/sim/serve/class_test_support.hpp"

using namespace attune::serve;
using namespace attune::serve::test;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

/// The class state once `done` holds of it (or after two minutes: a block is slow under
/// the sanitizers on a loaded machine).
template <typename Done>
nlohmann::json wait_for(ClassClient& client, Done done) {
  const auto start = Clock::now();
  nlohmann::json state;
  do {
    std::this_thread::sleep_for(milliseconds(20));
    state = class_state(client);
  } while (!done(state) && Clock::now() - start < std::chrono::minutes(2));
  return state;
}

/// The class counts of /api/population's "done" event for `query`.
nlohmann::json streamed_counts(ClassClient& teacher, const std::string& query) {
  const auto answer = teacher.get("/api/population?" + query);
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  std::smatch done;
  REQUIRE(std::regex_search(answer->body, done, std::regex("event: done\ndata: (\\{[^\n]*\\})")));
  const auto event = nlohmann::json::parse(done[1].str());
  return {{"A", event["A"]}, {"B", event["B"]}, {"C", event["C"]}, {"D", event["D"]},
          {"unclassified", event["unclassified"]}};
}

nlohmann::json start_run(ClassClient& teacher) {
  const auto answer = teacher.post("/api/class/run", std::string());
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 200);
  return nlohmann::json::parse(answer->body);
}

}  // namespace

TEST_CASE("sim/serve/class: a run's counts are the population stream's for the question and for its baseline",
          "[serve][class]") {
  RunningServer server(class_limits(), 2, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);
  const std::string query = "rejection=0.5&dyads=16";
  REQUIRE(teacher.post("/api/class/question", nlohmann::json{{"query", query}, {"kind", "class_rises"}})->status ==
          200);
  REQUIRE(student.post("/api/class/prediction", nlohmann::json{{"student", "student-1"}, {"rises", "A"}})->status ==
          200);

  const auto running = start_run(teacher);
  CHECK(running["phase"] == "running");  // predictions closed by the run
  CHECK(running["progress"]["total"] == 32);  // the question's dyads and its baseline's
  CHECK(running["question"]["baseline"] == "preset=normative&dyads=16");
  const auto state = wait_for(teacher, [](const nlohmann::json& s) { return s["phase"] != "running"; });
  INFO(state.dump());
  REQUIRE(state["phase"] == "result");
  CHECK(state["progress"] == nlohmann::json({{"done", 32}, {"total", 32}}));
  const auto& result = state["result"];
  CHECK(result["n"] == 16);
  CHECK(result["counts"]["current"] == streamed_counts(teacher, query));
  CHECK(result["counts"]["baseline"] == streamed_counts(teacher, "dyads=16"));
  CHECK(result["baseline_query"] == "preset=normative&dyads=16");

  // Shares of the classified dyads, and each difference with Newcombe's interval.
  const auto& current = result["counts"]["current"];
  const auto& baseline = result["counts"]["baseline"];
  std::uint64_t n_current = 0, n_baseline = 0;
  for (const char* k : {"A", "B", "C", "D"}) {
    n_current += current[k].get<std::uint64_t>();
    n_baseline += baseline[k].get<std::uint64_t>();
  }
  CHECK(result["compare"]["n_current"] == n_current);
  CHECK(result["compare"]["n_baseline"] == n_baseline);
  std::string rises;
  double largest = -2;
  for (const char* k : {"A", "B", "C", "D"}) {
    INFO(k);
    const auto expected = attune::analysis::difference_of_proportions(
        current[k].get<std::uint64_t>(), n_current, baseline[k].get<std::uint64_t>(), n_baseline);
    CHECK(result["current"][k].get<double>() == Approx(current[k].get<double>() / n_current));
    CHECK(result["compare"][k]["difference"].get<double>() == Approx(expected.difference));
    CHECK(result["compare"][k]["ci95"][0].get<double>() == Approx(expected.ci95.lo));
    CHECK(result["compare"][k]["ci95"][1].get<double>() == Approx(expected.ci95.hi));
    if (expected.difference > largest) largest = expected.difference, rises = k;
  }
  CHECK(result["rises"] == rises);
  // Rejection at 0.5 makes avoidance common: the sanity of the comparison's sign.
  CHECK(rises == "A");

  // Students see the result and the class's predictions.
  const auto seen = class_state(student, "student-1");
  CHECK(seen["result"] == result);
  CHECK(seen["predictions"]["rises"]["A"] == 1);

  // Again: the baseline comes from the cache (runs are deterministic), the result is the same.
  const auto again = start_run(teacher);
  CHECK(again["progress"]["total"] == 16);
  const auto second = wait_for(teacher, [](const nlohmann::json& s) { return s["phase"] != "running"; });
  CHECK(second["result"] == result);
  const auto status = nlohmann::json::parse(teacher.get("/api/status")->body);
  CHECK(status["dyads_simulated"] == 32 + 16 + 16 + 16);  // two class runs, two streams
}

TEST_CASE("sim/serve/class: a question on a preset compares it with the preset's own population",
          "[serve][class]") {
  RunningServer server(class_limits(), 2, true);
  ClassClient teacher(server, Sender::teacher);
  const std::string query = "preset=risk_depression&sensitivity=0.8&dyads=16";
  const auto asked =
      teacher.post("/api/class/question", nlohmann::json{{"query", query}, {"kind", "secure_share"}});
  REQUIRE(asked);
  REQUIRE(asked->status == 200);
  const auto question = nlohmann::json::parse(asked->body)["question"];
  CHECK(question["preset"] == "risk_depression");
  CHECK(question["title"] == "Caregiver depression");
  CHECK(question["baseline"] == "preset=risk_depression&dyads=16");
  start_run(teacher);
  const auto state = wait_for(teacher, [](const nlohmann::json& s) { return s["phase"] != "running"; });
  REQUIRE(state["phase"] == "result");
  CHECK(state["result"]["counts"]["current"] == streamed_counts(teacher, query));
  CHECK(state["result"]["counts"]["baseline"] == streamed_counts(teacher, "preset=risk_depression&dyads=16"));

  // A preset that is not there, or one without a Strange Situation: no question.
  for (const auto& [bad, message] : std::vector<std::pair<std::string, std::string>>{
           {"preset=nowhere", "query: unknown preset 'nowhere'; expected one of: normative"},
           {"preset=still_face", "preset still_face runs no Strange Situation"},
           {"preset=intervention_home_visiting", "compares arms"},
           {"preset=normative&dyads=16", "normative with no slider moved is its own baseline"}}) {
    INFO(bad);
    const auto answer = teacher.post("/api/class/question", nlohmann::json{{"query", bad}, {"kind", "class_rises"}});
    REQUIRE(answer);
    CHECK(answer->status == 400);
    CHECK_THAT(answer->body, Catch::Contains(message));
  }
  CHECK(class_state(teacher)["phase"] == "result");  // a refused question changes nothing
}

TEST_CASE("sim/serve/class: a question that moves no slider compares its preset with normative",
          "[serve][class]") {
  RunningServer server(class_limits(), 2, true);
  ClassClient teacher(server, Sender::teacher);
  // "What if the caregiver is depressed?": the preset alone, as the page sends it.
  const std::string query = "preset=risk_depression&dyads=16";
  const auto asked = teacher.post("/api/class/question", nlohmann::json{{"query", query}, {"kind", "class_rises"}});
  REQUIRE(asked);
  REQUIRE(asked->status == 200);
  CHECK(nlohmann::json::parse(asked->body)["question"]["baseline"] == "preset=normative&dyads=16");
  start_run(teacher);
  const auto state = wait_for(teacher, [](const nlohmann::json& s) { return s["phase"] != "running"; });
  REQUIRE(state["phase"] == "result");
  CHECK(state["result"]["baseline_query"] == "preset=normative&dyads=16");
  CHECK(state["result"]["counts"]["current"] == streamed_counts(teacher, query));
  CHECK(state["result"]["counts"]["baseline"] == streamed_counts(teacher, "dyads=16"));
}

TEST_CASE("sim/serve/class: a run takes a run slot, one at a time", "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.runs = 1;
  RunningServer server(limits, 1, true);
  ClassClient teacher(server, Sender::teacher);
  REQUIRE(teacher.post("/api/class/question", nlohmann::json{{"query", "dyads=5000"}, {"kind", "secure_share"}})
              ->status == 200);
  start_run(teacher);
  const auto twice = teacher.post("/api/class/run", std::string());
  REQUIRE(twice);
  CHECK(twice->status == 409);
  CHECK_THAT(twice->body, Catch::Contains("under way"));
  const auto stream = teacher.get("/api/population?dyads=1");  // the class's run holds the only slot
  REQUIRE(stream);
  CHECK(stream->status == 429);
  const auto new_question =
      teacher.post("/api/class/question", nlohmann::json{{"query", "dyads=1"}, {"kind", "secure_share"}});
  REQUIRE(new_question);
  CHECK(new_question->status == 409);
}

TEST_CASE("sim/serve/class: a run needs a free run slot", "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.runs = 1;
  RunningServer server(limits, 1, true);
  ClassClient teacher(server, Sender::teacher);
  REQUIRE(teacher.post("/api/class/question", nlohmann::json{{"query", "dyads=8"}, {"kind", "secure_share"}})
              ->status == 200);
  // A population stream (the teacher's main page) holds the slot.
  RawConnection stream(server.port());
  REQUIRE(stream.send("GET /api/population?dyads=5000 HTTP/1.1\r\nHost: t\r\n" + std::string(kTeacherHeader) +
                      ": " + server.class_access().teacher_secret + "\r\n\r\n"));
  REQUIRE_THAT(stream.read_until("event: counts", milliseconds(60000)), Catch::Contains("event: counts"));
  const auto refused = teacher.post("/api/class/run", std::string());
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK_THAT(refused->body, Catch::Contains("--max-runs"));
  CHECK(class_state(teacher)["phase"] == "open");
}

TEST_CASE("sim/serve/class: stopping the server ends a class's run at its next block", "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.dyads = 100000;
  auto server = std::make_unique<RunningServer>(limits, 1, true);
  ClassClient teacher(*server, Sender::teacher);
  REQUIRE(teacher.post("/api/class/question", nlohmann::json{{"query", "dyads=100000"}, {"kind", "secure_share"}})
              ->status == 200);
  start_run(teacher);
  const auto started = wait_for(teacher, [](const nlohmann::json& s) { return s["progress"]["done"] > 0; });
  REQUIRE(started["progress"]["done"] > 0);
  REQUIRE(started["phase"] == "running");
  // 100,000 dyads on one thread take about ten minutes in a release build (hours under the
  // sanitizers); the block under way, 64 dyads, well under a second in a release build
  // but over 20 s under the sanitizers on a loaded machine.
  const auto stopping = Clock::now();
  server.reset();  // stop(), then the server's destruction waits for the run's thread
  const double seconds = std::chrono::duration<double>(Clock::now() - stopping).count();
  INFO(seconds << " s");
  CHECK(seconds < 120);
}

// One machine against a class (sim/serve/teaching_server.cpp's screen, class_room.cpp):
// made-up student tokens buy no fresh allowance beyond a poll of the class's state, an
// address's requests all count against its own allowance, one address adds at most a few
// students to a question, a late prediction for an earlier question is refused, and wrong
// join codes share one server-wide budget.
#include <catch2/catch.hpp>
#include <string>

#include "tests/sim/serve/class_test_support.hpp"

using namespace attune::serve;
using namespace attune::serve::test;

namespace {

std::string student_token(int k) { return "student-" + std::to_string(100 + k); }

nlohmann::json ask_share(ClassClient& teacher, const std::string& query) {
  const auto answer = teacher.post("/api/class/question", nlohmann::json{{"query", query}, {"kind", "secure_share"}});
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  return nlohmann::json::parse(answer->body);
}

int answered(const httplib::Result& answer) { return answer ? answer->status : -1; }

}  // namespace

TEST_CASE("sim/serve/class: a made-up ?student= buys a fresh allowance only on a poll of the class's state",
          "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.rate_burst = 5;
  limits.rate_per_second = 0.001;  // no refill within the test
  RunningServer server(limits, 1, true);
  ClassClient student(server, Sender::student);
  // Polls: each token its own allowance (a class behind one address polls).
  for (int k = 0; k < 10; ++k) CHECK(answered(student.get("/api/class/state?student=" + student_token(k))) == 200);
  // Anything else counts against the address, whatever token it names.
  int refused = 0;
  for (int k = 0; k < 10; ++k) {
    const auto answer = student.get("/api/controls?student=" + student_token(20 + k));
    refused += answered(answer) == 429;
  }
  CHECK(refused == 5);
}

TEST_CASE("sim/serve/class: every request of an address counts against the address's allowance", "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.address_rate_burst = 8;
  limits.address_rate_per_second = 0.001;
  RunningServer server(limits, 1, true);
  ClassClient student(server, Sender::student);
  for (int k = 0; k < 8; ++k) CHECK(answered(student.get("/api/class/state?student=" + student_token(k))) == 200);
  const auto refused = student.get("/api/class/state?student=" + student_token(8));
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK_THAT(refused->body, Catch::Contains("at most 8 API requests at once from one address"));
}

TEST_CASE("sim/serve/class: one address adds at most --students-per-address students to a question",
          "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.students_per_address = 4;
  RunningServer server(limits, 1, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);
  ask_share(teacher, "sensitivity=0.8&dyads=10");
  for (int k = 0; k < 4; ++k)
    CHECK(answered(student.post("/api/class/prediction", nlohmann::json{{"student", student_token(k)}, {"secure_share", 50}})) ==
          200);
  const auto fifth = student.post("/api/class/prediction", nlohmann::json{{"student", student_token(4)}, {"secure_share", 50}});
  REQUIRE(fifth);
  CHECK(fifth->status == 429);
  CHECK_THAT(fifth->body, Catch::Contains("at most 4 new students from one client address per question"));
  CHECK_THAT(fifth->body, Catch::Contains("--students-per-address"));
  // A student already counted may think again; the next question starts the count afresh.
  CHECK(answered(student.post("/api/class/prediction", nlohmann::json{{"student", student_token(0)}, {"secure_share", 70}})) ==
        200);
  CHECK(class_state(teacher)["predictions"]["count"] == 4);
  ask_share(teacher, "sensitivity=0.7&dyads=10");
  CHECK(answered(student.post("/api/class/prediction", nlohmann::json{{"student", student_token(4)}, {"secure_share", 50}})) ==
        200);
}

TEST_CASE("sim/serve/class: a prediction for an earlier question is refused 409", "[serve][class]") {
  RunningServer server(class_limits(), 1, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);
  const auto first = ask_share(teacher, "sensitivity=0.8&dyads=10")["question"]["id"].get<std::uint64_t>();
  const auto second = ask_share(teacher, "sensitivity=0.6&dyads=10")["question"]["id"].get<std::uint64_t>();
  CHECK(second != first);
  const auto late = student.post("/api/class/prediction",
                                 nlohmann::json{{"student", student_token(0)}, {"question", first}, {"secure_share", 40}});
  REQUIRE(late);
  CHECK(late->status == 409);
  CHECK_THAT(late->body, Catch::Contains("earlier question"));
  CHECK(class_state(teacher)["predictions"]["count"] == 0);
  CHECK(answered(student.post("/api/class/prediction",
                               nlohmann::json{{"student", student_token(0)}, {"question", second}, {"secure_share", 40}})) == 200);
  const auto bad = student.post("/api/class/prediction",
                                nlohmann::json{{"student", student_token(0)}, {"question", "one"}, {"secure_share", 40}});
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK_THAT(bad->body, Catch::Contains("question must be"));
}

TEST_CASE("sim/serve/class: wrong join codes share one budget and beyond it every wrong code is answered 429",
          "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.wrong_codes_per_minute = 3;
  RunningServer server(limits, 1, true);
  ClassClient guesser(server, kJoinHeader, "WRONG1"), student(server, Sender::student);
  for (int k = 0; k < 3; ++k) CHECK(answered(guesser.get("/api/class/state")) == 403);
  const auto refused = guesser.get("/api/class/state");
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK_THAT(refused->body, Catch::Contains("at most 3 a minute"));
  CHECK(answered(student.get("/api/class/state")) == 200);  // the right code still joins
}

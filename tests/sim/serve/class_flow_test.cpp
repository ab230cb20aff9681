// A class question's predictions (sim/serve/class_room.cpp, class_routes.cpp) through real
// loopback sockets: the teacher asks, students predict (a later prediction replaces an
// earlier one), the teacher sees the histogram while students do not until predictions
// close, after which predicting is refused; bad bodies are answered 400 naming the key,
// and a new student beyond --max-students 429.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/sim/serve/class_test_support.hpp"

using namespace attune::serve;
using namespace attune::serve::test;

namespace {

nlohmann::json ask(ClassClient& teacher, const std::string& query, const std::string& kind) {
  const auto answer = teacher.post("/api/class/question", nlohmann::json{{"query", query}, {"kind", kind}});
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  return nlohmann::json::parse(answer->body);
}

int predict(ClassClient& student, const nlohmann::json& prediction) {
  const auto answer = student.post("/api/class/prediction", prediction);
  return answer ? answer->status : -1;
}

std::string token(int k) { return "student-" + std::to_string(100 + k); }

}  // namespace

TEST_CASE("sim/serve/class: predictions are counted into bins, one per student, hidden from students while open",
          "[serve][class]") {
  RunningServer server(class_limits(), 1, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);

  const auto asked = ask(teacher, "sensitivity=0.8&dyads=100", "secure_share");
  CHECK(asked["phase"] == "open");
  CHECK(asked["question"]["query"] == "sensitivity=0.8&dyads=100");
  CHECK(asked["question"]["kind"] == "secure_share");
  CHECK(asked["join_code"] == server.class_access().join_code);
  CHECK(asked["student_address"] == server.class_access().student_address);

  // Bin edges: [0,10) .. [90,100]; 10 opens the second bin, 100 closes the last.
  const std::vector<double> shares{0, 9.99, 10, 55, 59.5, 60, 99, 100};
  for (std::size_t k = 0; k < shares.size(); ++k)
    CHECK(predict(student, {{"student", token(static_cast<int>(k))}, {"secure_share", shares[k]}}) == 200);
  // The first student thinks again: its prediction moves from bin 0 to bin 7, leaving
  // 9.99 in bin 0, 10 in bin 1, 55 and 59.5 in bin 5, 60 in 6, 72 in 7, 99 and 100 in 9.
  CHECK(predict(student, {{"student", token(0)}, {"secure_share", 72}}) == 200);

  const auto seen_by_teacher = class_state(teacher);
  CHECK(seen_by_teacher["predictions"]["count"] == shares.size());
  CHECK(seen_by_teacher["predictions"]["secure_share"] == nlohmann::json({1, 1, 0, 0, 0, 2, 1, 1, 0, 2}));
  CHECK(seen_by_teacher["mine"].is_null());

  // A student sees its own prediction and no one else's while predictions are open.
  const auto seen_by_student = class_state(student, token(0));
  CHECK(seen_by_student["phase"] == "open");
  CHECK(seen_by_student["predictions"].is_null());
  CHECK(seen_by_student["mine"] == nlohmann::json({{"secure_share", 72}}));
  CHECK_FALSE(seen_by_student.contains("join_code"));
  CHECK_FALSE(seen_by_student.contains("student_address"));
  CHECK(class_state(student, token(99))["mine"].is_null());

  // Closed: students see the class's predictions, and may no longer predict.
  const auto version = class_state(teacher)["version"].get<std::uint64_t>();
  const auto closed = teacher.post("/api/class/close", std::string());
  REQUIRE(closed);
  CHECK(closed->status == 200);
  const auto after = class_state(student, token(0));
  CHECK(after["phase"] == "closed");
  CHECK(after["version"].get<std::uint64_t>() > version);
  CHECK(after["predictions"] == seen_by_teacher["predictions"]);
  const auto late = student.post("/api/class/prediction", nlohmann::json{{"student", token(1)}, {"secure_share", 5}});
  REQUIRE(late);
  CHECK(late->status == 409);
  CHECK_THAT(late->body, Catch::Contains("predictions are not open"));

  // A new question clears the predictions.
  const auto next = ask(teacher, "sensitivity=0.3&dyads=100", "class_rises");
  CHECK(next["predictions"]["count"] == 0);
  CHECK(predict(student, {{"student", token(1)}, {"rises", "C"}}) == 200);
  CHECK(predict(student, {{"student", token(2)}, {"rises", "C"}}) == 200);
  CHECK(predict(student, {{"student", token(3)}, {"rises", "A"}}) == 200);
  CHECK(class_state(teacher)["predictions"]["rises"] == nlohmann::json({{"A", 1}, {"B", 0}, {"C", 2}, {"D", 0}}));
  CHECK(class_state(student, token(1))["mine"] == nlohmann::json({{"rises", "C"}}));
}

TEST_CASE("sim/serve/class: bad questions and predictions are answered 400 naming the key - 409 before a question",
          "[serve][class]") {
  RunningServer server(class_limits(), 1, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);

  // Nothing asked yet.
  CHECK(predict(student, {{"student", token(0)}, {"secure_share", 50}}) == 409);
  CHECK(teacher.post("/api/class/close", std::string())->status == 409);
  CHECK(teacher.post("/api/class/run", std::string())->status == 409);

  const std::vector<std::pair<nlohmann::json, std::string>> questions{
      {{{"query", "sensitivity=2"}, {"kind", "secure_share"}}, "query: sensitivity must lie in [0.25, 1.5]"},
      {{{"query", "dyads=100000"}, {"kind", "secure_share"}}, "query: dyads must be a whole number in [1, 5000]"},
      {{{"query", "colour=red"}, {"kind", "secure_share"}}, "query: unknown parameter 'colour'"},
      {{{"query", "poverty=0.1&poverty=0.1"}, {"kind", "secure_share"}}, "query: poverty is given more than once"},
      {{{"query", "dyads=10"}, {"kind", "secure"}}, "kind must be \"secure_share\" or \"class_rises\""},
      {{{"kind", "secure_share"}}, "query is missing"},
      {{{"query", 3}, {"kind", "secure_share"}}, "query must be a string"},
      {{{"query", "dyads=10"}, {"kind", "secure_share"}, {"text", std::string(201, 'x')}},
       "text must be at most 200 characters, got 201"},
      {{{"query", "dyads=10"}, {"kind", "secure_share"}, {"prompt", "?"}}, "unknown key 'prompt'"},
      {nlohmann::json::array(), "the body must be a JSON object"},
  };
  for (const auto& [body, message] : questions) {
    INFO(body.dump());
    const auto answer = teacher.post("/api/class/question", body);
    REQUIRE(answer);
    CHECK(answer->status == 400);
    CHECK_THAT(answer->body, Catch::Contains(message));
  }
  CHECK(teacher.post("/api/class/question", std::string("{not json"))->status == 400);
  // 200 characters of text are fine, counted as characters, not bytes (each 'ä' is two).
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "\xc3\xa4";
  CHECK(teacher.post("/api/class/question", nlohmann::json{{"query", "dyads=10"}, {"kind", "secure_share"},
                                                          {"text", umlauts}})
            ->status == 200);

  const std::vector<std::pair<nlohmann::json, std::string>> predictions{
      {{{"student", "short"}, {"secure_share", 50}}, "student must be 8 to 64 characters"},
      {{{"student", "has space!"}, {"secure_share", 50}}, "student must be 8 to 64 characters"},
      {{{"student", std::string(65, 'x')}, {"secure_share", 50}}, "student must be 8 to 64 characters"},
      {{{"student", token(0)}, {"secure_share", 101}}, "secure_share must be a number of percent in [0, 100]"},
      {{{"student", token(0)}, {"secure_share", "50"}}, "secure_share must be a number"},
      {{{"student", token(0)}, {"rises", "E"}}, "rises must be \"A\", \"B\", \"C\" or \"D\""},
      {{{"student", token(0)}}, "give exactly one of secure_share and rises"},
      {{{"secure_share", 50}}, "student is missing"},
      // The question asks for a share: a class is the wrong kind.
      {{{"student", token(0)}, {"rises", "A"}}, "the prediction's kind is not the question's"},
  };
  for (const auto& [body, message] : predictions) {
    INFO(body.dump());
    const auto answer = student.post("/api/class/prediction", body);
    REQUIRE(answer);
    CHECK(answer->status == 400);
    CHECK_THAT(answer->body, Catch::Contains(message));
  }
  CHECK(class_state(teacher)["predictions"]["count"] == 0);
  const auto bad_token = student.get("/api/class/state?student=x");
  REQUIRE(bad_token);
  CHECK(bad_token->status == 400);
  CHECK(student.get("/api/class/state?who=x")->status == 400);
}

TEST_CASE("sim/serve/class: a new student beyond --max-students is answered 429 - those in may still change",
          "[serve][class]") {
  ServerLimits limits = class_limits();
  limits.students = 3;
  RunningServer server(limits, 1, true);
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);
  ask(teacher, "dyads=10", "secure_share");
  for (int k = 0; k < 3; ++k) CHECK(predict(student, {{"student", token(k)}, {"secure_share", 50}}) == 200);
  const auto full = student.post("/api/class/prediction", nlohmann::json{{"student", token(3)}, {"secure_share", 50}});
  REQUIRE(full);
  CHECK(full->status == 429);
  CHECK_THAT(full->body, Catch::Contains("the class is full: at most 3 students") &&
                             Catch::Contains("--max-students"));
  CHECK(predict(student, {{"student", token(2)}, {"secure_share", 20}}) == 200);
  CHECK(class_state(teacher)["predictions"]["count"] == 3);
  // A new question starts a new count.
  ask(teacher, "dyads=10", "secure_share");
  CHECK(predict(student, {{"student", token(3)}, {"secure_share", 50}}) == 200);
}

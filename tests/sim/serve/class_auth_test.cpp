// Who may call what in class mode (sim/serve/class_auth.cpp, TeachingServer's screen),
// through real loopback sockets: an API request without the teacher's secret or the join
// code is refused 401, a wrong one 403, a student beyond its routes 403; the page's files
// need neither; bodies are taken on the class routes only, and only small ones; without
// --class nothing changes. Each class has its own secrets.
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "sim/serve/class_secrets.hpp"
#include "tests/sim/serve/class_test_support.hpp"

using namespace attune::serve;
using namespace attune::serve::test;
using std::chrono::milliseconds;

namespace {

int status_of(httplib::Result answer) { return answer ? answer->status : -1; }

/// A raw request on `connection`, its answer read whole (the body is small).
std::string raw_answer(RawConnection& connection, const std::string& request) {
  REQUIRE(connection.send(request));
  return connection.read_until("\r\n\r\n{", milliseconds(5000));
}

}  // namespace

TEST_CASE("sim/serve/class: an API request needs the teacher's secret or the join code", "[serve][class]") {
  RunningServer server(class_limits(), 1, true);
  const auto& access = server.class_access();

  ClassClient nobody(server, Sender::nobody);
  for (const std::string path : {"/api/controls", "/api/class/state", "/api/status", "/api/population?dyads=1"}) {
    INFO(path);
    const auto answer = nobody.get(path);
    REQUIRE(answer);
    CHECK(answer->status == 401);
    CHECK_THAT(answer->body, Catch::Contains("X-Attune-Join") && Catch::Contains("X-Attune-Teacher"));
  }
  CHECK(status_of(nobody.post("/api/class/prediction", R"({"student":"abcdefgh","secure_share":50})")) == 401);

  // A wrong code and a wrong secret: 403, naming which.
  ClassClient wrong_code(server, kJoinHeader, access.join_code == "222222" ? "333333" : "222222");
  const auto code_answer = wrong_code.get("/api/class/state");
  REQUIRE(code_answer);
  CHECK(code_answer->status == 403);
  CHECK_THAT(code_answer->body, Catch::Contains("wrong join code"));
  std::string near_secret = access.teacher_secret;
  near_secret.back() = near_secret.back() == '0' ? '1' : '0';  // one digit off
  for (const std::string& secret : {near_secret, access.teacher_secret.substr(1)}) {
    ClassClient wrong_secret(server, kTeacherHeader, secret);
    const auto answer = wrong_secret.get("/api/status");
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK_THAT(answer->body, Catch::Contains("wrong teacher secret"));
  }

  // The right ones; students type the code, so its case does not matter.
  ClassClient teacher(server, Sender::teacher), student(server, Sender::student);
  CHECK(status_of(teacher.get("/api/status")) == 200);
  CHECK(status_of(student.get("/api/controls")) == 200);
  std::string lower = access.join_code;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(status_of(ClassClient(server, kJoinHeader, lower).get("/api/class/state")) == 200);

  // The page's files hold no data: no header needed.
  CHECK(status_of(nobody.get("/")) == 200);
  CHECK(status_of(nobody.get("/api.js")) == 200);
}

TEST_CASE("sim/serve/class: a student may only read the class, predict, and read the sliders and presets",
          "[serve][class]") {
  RunningServer server(class_limits(), 1, true);
  ClassClient student(server, Sender::student), teacher(server, Sender::teacher);
  for (const std::string path : {"/api/status", "/api/population?dyads=1", "/api/trace?dyads=1",
                                 "/api/still_face", "/api/compare?baseline=1,1,1,1&current=1,1,1,1"}) {
    INFO(path);
    const auto answer = student.get(path);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK_THAT(answer->body, Catch::Contains("only the teacher may call GET " + path.substr(0, path.find('?'))));
  }
  // Neither the question nor the run is the students' to change.
  const nlohmann::json question{{"query", "dyads=8"}, {"kind", "secure_share"}};
  for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
           {"/api/class/question", question.dump()}, {"/api/class/close", ""}, {"/api/class/run", ""}}) {
    INFO(path);
    const auto answer = student.post(path, body);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK_THAT(answer->body, Catch::Contains("only the teacher may call POST " + path));
  }
  CHECK(class_state(teacher)["phase"] == "waiting");  // nothing was asked
  CHECK(status_of(teacher.post("/api/class/question", question)) == 200);
  CHECK(status_of(student.post("/api/class/run", std::string())) == 403);
  CHECK(class_state(teacher)["phase"] == "open");
}

TEST_CASE("sim/serve/class: bodies are taken on the class routes only, with a Content-Length, at most 2 KiB",
          "[serve][class]") {
  ServerLimits limits = class_limits();
  RunningServer server(limits, 1, true);
  const auto& access = server.class_access();
  ClassClient teacher(server, Sender::teacher);

  const std::string too_big(limits.class_body_bytes + 1, ' ');
  const auto big = teacher.post("/api/class/question", too_big);
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK_THAT(big->body, Catch::Contains("at most 2048 bytes"));
  // At the limit the body is read (and, being blanks, is no JSON object).
  const auto at_limit = teacher.post("/api/class/question", std::string(limits.class_body_bytes, ' '));
  REQUIRE(at_limit);
  CHECK(at_limit->status == 400);

  // Elsewhere, as before: no body, no method but GET and HEAD (the teacher's secret or not).
  CHECK(status_of(teacher.post("/api/population", std::string("{}"))) == 413);
  CHECK(status_of(teacher.post("/", std::string("x"))) == 413);
  const auto post_without_body = teacher.post("/api/status", std::string());
  REQUIRE(post_without_body);
  CHECK(post_without_body->status == 405);
  CHECK(post_without_body->get_header_value("Allow") == "GET, HEAD");
  CHECK(status_of(ClassClient(server, Sender::nobody).post("/", std::string())) == 405);

  // A body without a length would be read until the client closes; chunked likewise.
  RawConnection raw(server.port());
  const std::string head = "POST /api/class/question HTTP/1.1\r\nHost: t\r\n" + std::string(kTeacherHeader) +
                           ": " + access.teacher_secret + "\r\n";
  REQUIRE(raw.send(head + "\r\n"));
  CHECK_THAT(raw.read_until("\r\n\r\n", milliseconds(5000)), Catch::StartsWith("HTTP/1.1 411"));
  RawConnection chunked(server.port());
  REQUIRE(chunked.send(head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
  CHECK_THAT(chunked.read_until("\r\n\r\n", milliseconds(5000)), Catch::StartsWith("HTTP/1.1 413"));
  // A method the class routes do not answer.
  const auto put = httplib::Client("127.0.0.1", server.port())
                       .Put("/api/class/state", {{kTeacherHeader, access.teacher_secret}}, "", "text/plain");
  REQUIRE(put);
  CHECK(put->status == 405);
}

TEST_CASE("sim/serve/class: a body must arrive whole within the read time of its headers", "[serve][class]") {
  // Sent a byte every 200 ms, each read would be in time (500 ms), and 50 bytes would hold
  // the connection's thread for 10 s; the body as a whole has 500 ms.
  ServerLimits limits = class_limits();
  limits.io_time = milliseconds(500);
  RunningServer server(limits, 1, true);
  RawConnection slow(server.port());
  REQUIRE(slow.send("POST /api/class/question HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\n" +
                    std::string(kTeacherHeader) + ": " + server.class_access().teacher_secret + "\r\n\r\n"));
  const auto start = std::chrono::steady_clock::now();
  std::string answer;
  for (int sent = 0; sent < 50 && answer.empty(); ++sent) {
    if (!slow.send(" ")) break;  // the server has closed the connection
    answer = slow.read_until("\n\n", milliseconds(200));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(seconds << " s; answer: " << answer);
  CHECK(seconds < 3);
  CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 408") && Catch::Contains("Connection: close") &&
                         Catch::Contains("a request's body must arrive within 500 ms of its headers"));
}

TEST_CASE("sim/serve/class: a student's connection is closed after each answer, the teacher's kept",
          "[serve][class]") {
  // Kept alive, each polling student would hold one of the server's connection threads
  // until it idled out (5 s); 60 students polling every 2 s would hold 60 of 64.
  RunningServer server(class_limits(), 1, true);
  const auto& access = server.class_access();
  const std::string poll = "GET /api/class/state HTTP/1.1\r\nHost: t\r\n";

  RawConnection student(server.port());
  const std::string answer = raw_answer(student, poll + kJoinHeader + ": " + access.join_code + "\r\n\r\n");
  CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 200") && Catch::Contains("Connection: close"));
  // The server closes its end: a read gets end-of-file long before the 5 s idle time.
  const auto asked = std::chrono::steady_clock::now();
  const std::string after = student.read_until("never sent", milliseconds(3000));
  CHECK(std::chrono::steady_clock::now() - asked < milliseconds(2000));
  CHECK(after == answer);  // nothing more came: the server closed

  RawConnection teacher(server.port());
  const std::string teacher_poll = poll + kTeacherHeader + ": " + access.teacher_secret + "\r\n\r\n";
  const std::string first = raw_answer(teacher, teacher_poll);
  CHECK_THAT(first, Catch::StartsWith("HTTP/1.1 200") && !Catch::Contains("Connection: close"));
  REQUIRE(teacher.send(teacher_poll));  // the same connection answers again
  const auto again = std::chrono::steady_clock::now();
  std::string both;
  do {
    both = teacher.read_until("never sent", milliseconds(100));
  } while (both.find("HTTP/1.1 200", first.size()) == std::string::npos &&
           std::chrono::steady_clock::now() - again < milliseconds(5000));
  CHECK(both.find("HTTP/1.1 200", first.size()) != std::string::npos);
}

TEST_CASE("sim/serve/class: without --class nothing changes", "[serve][class]") {
  RunningServer server(class_limits(), 1, false);
  CHECK(server.class_access().join_code.empty());
  CHECK(server.class_access().teacher_secret.empty());
  ClassClient nobody(server, Sender::nobody);
  CHECK(status_of(nobody.get("/api/controls")) == 200);
  CHECK(status_of(nobody.get("/api/class/state")) == 404);
  CHECK(status_of(nobody.get("/join")) == 404);
  const auto post = nobody.post("/api/class/question", std::string("{}"));
  REQUIRE(post);
  CHECK(post->status == 413);  // as every body was
  CHECK(status_of(nobody.post("/api/class/close", std::string())) == 405);
}

TEST_CASE("sim/serve/class: each class has its own join code and teacher secret", "[serve][class]") {
  RunningServer first(class_limits(), 1, true), second(class_limits(), 1, true);
  const auto &a = first.class_access(), &b = second.class_access();
  CHECK(a.join_code != b.join_code);  // equal with probability 32^-6, about 1e-9
  CHECK(a.teacher_secret != b.teacher_secret);
  for (const auto* access : {&a, &b}) {
    CHECK(std::regex_match(access->join_code, std::regex("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}")));
    CHECK(std::regex_match(access->teacher_secret, std::regex("[0-9a-f]{32}")));
    CHECK(access->student_address == "http://127.0.0.1:" +
                                         std::to_string(access == &a ? first.port() : second.port()) + "/join");
    CHECK(access->teacher_address == "http://127.0.0.1:" +
                                         std::to_string(access == &a ? first.port() : second.port()) +
                                         "/#teacher=" + access->teacher_secret);
  }
  // One class's teacher secret does not open another class.
  ClassClient crossed(second, kTeacherHeader, a.teacher_secret);
  CHECK(status_of(crossed.get("/api/status")) == 403);
}

TEST_CASE("sim/serve/class: secrets are compared whole", "[serve][class]") {
  CHECK(same_secret("abc123", "abc123"));
  CHECK_FALSE(same_secret("abc124", "abc123"));
  CHECK_FALSE(same_secret("abc12", "abc123"));
  CHECK_FALSE(same_secret("abc1234", "abc123"));
  CHECK_FALSE(same_secret(std::string("abc123\0", 7), "abc123"));
  CHECK_FALSE(same_secret("", "abc123"));
}

// The limits of `attune serve` (sim/serve/server_limits.hpp), through real loopback
// sockets, with limits made small so that each costs well under a second: runs beyond the
// limit are refused 429, a client that leaves frees its run and a client that left before
// its turn costs no dyad, slow or oversized headers are cut, the page answers while runs
// and slow clients hold the server, and API requests are rate limited per client.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "sim/serve/http.hpp"
#include "tests/sim/serve/running_server.hpp"
#include "tests/support/process_support.hpp"

using namespace attune::serve;
using attune::serve::test::RawConnection;
using attune::serve::test::RunningServer;
using std::chrono::milliseconds;

namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json server_status(const RunningServer& server) {
  auto client = server.client();
  const auto answer = client.Get("/api/status");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  return nlohmann::json::parse(answer->body);
}

/// A population stream that has started: its first counts have arrived.
std::unique_ptr<RawConnection> started_stream(const RunningServer& server, int dyads) {
  auto stream = std::make_unique<RawConnection>(server.port());
  REQUIRE(stream->connected());
  REQUIRE(
      stream->send("GET /api/population?dyads=" + std::to_string(dyads) + " HTTP/1.1\r\nHost: t\r\n\r\n"));
  REQUIRE_THAT(stream->read_until("event: counts", milliseconds(20000)), Catch::Contains("event: counts"));
  return stream;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE(
    "sim/serve/limits: runs beyond --max-runs are answered 429 and a client that leaves frees its run") {
  ServerLimits limits;
  limits.runs = 1;
  RunningServer server(limits, 1);
  auto stream = started_stream(server, 5000);
  CHECK(server_status(server)["runs"] == 1);

  auto client = server.client();
  const auto refused = client.Get("/api/population?dyads=1");
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK_THAT(refused->body, Catch::Contains("running 1 populations, its limit (attune serve --max-runs)"));
  const auto still_face = client.Get("/api/still_face");
  REQUIRE(still_face);
  CHECK(still_face->status == 429);

  // The page leaves: its run stops at the end of the block under way (64 dyads on one
  // thread: well under 2 s in a release build, but over 20 s under the sanitizers on a
  // loaded machine), long before its 5,000 dyads.
  stream->close();
  nlohmann::json status;
  const auto left = Clock::now();
  do {
    std::this_thread::sleep_for(milliseconds(50));
    status = server_status(server);
  } while (status["runs"] != 0 && seconds_since(left) < 120);
  INFO(status.dump());
  CHECK(status["runs"] == 0);
  CHECK(status["client_gone_runs"] == 1);
  CHECK(status["refused_runs"] == 2);
  CHECK(status["dyads_simulated"] < 1000);
  const auto served = client.Get("/api/population?dyads=1");  // the slot is free again
  REQUIRE(served);
  CHECK(served->status == 200);
  CHECK_THAT(served->body, Catch::Contains("event: done"));
}

TEST_CASE(
    "sim/serve/limits: a slow header is cut with 408, and a request whose client left while it waited costs "
    "no dyad") {
  // One connection thread, held by a client that sends half a header: the request behind
  // it waits, and its client gives up meanwhile, as 50 impatient pages would.
  ServerLimits limits;
  limits.connection_threads = 1;
  limits.header_time = milliseconds(500);
  RunningServer server(limits, 1);
  RawConnection slow(server.port());
  REQUIRE(slow.send("GET / HTTP/1.1\r\nHost: t\r\n"));
  std::this_thread::sleep_for(milliseconds(50));  // the thread has taken it
  const auto sent = Clock::now();
  {
    RawConnection impatient(server.port());
    REQUIRE(impatient.send("GET /api/population?dyads=5000 HTTP/1.1\r\nHost: t\r\n\r\n"));
  }
  const std::string answer = slow.read_until("ms\n", milliseconds(10000));
  const double waited = seconds_since(sent);
  CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 408"));
  CHECK_THAT(answer, Catch::Contains("the request line and headers must arrive within 500 ms"));
  CHECK(waited < 2.0);
  const auto status = server_status(server);
  INFO(status.dump());
  CHECK(status["client_gone_runs"] == 1);
  CHECK(status["dyads_simulated"] == 0);
  CHECK(status["runs"] == 0);
}

TEST_CASE(
    "sim/serve/limits: oversized headers, request bodies, other methods and too many dyads are refused "
    "naming the limit") {
  ServerLimits limits;
  limits.header_bytes = 1024;
  limits.dyads = 100;
  RunningServer server(limits, 1);
  {  // a long request line: cut before httplib has a request to answer
    RawConnection raw(server.port());
    REQUIRE(raw.send("GET /?" + std::string(2000, 'a') + " HTTP/1.1\r\n\r\n"));
    const std::string answer = raw.read_until("bytes\n", milliseconds(5000));
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 431"));
    CHECK_THAT(answer, Catch::Contains("the request line and headers must be at most 1024 bytes"));
  }
  {  // many short headers: cut while httplib reads them
    RawConnection raw(server.port());
    std::string request = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 100; ++i) request += "X-Filler-" + std::to_string(i) + ": some value\r\n";
    REQUIRE(raw.send(request + "\r\n"));
    const std::string answer = raw.read_until("bytes\n", milliseconds(5000));
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 431"));
    CHECK_THAT(answer, Catch::Contains("at most 1024 bytes"));
  }
  auto client = server.client();
  const auto body = client.Post("/api/population", std::string(100, 'x'), "text/plain");
  REQUIRE(body);
  CHECK(body->status == 413);
  CHECK_THAT(body->body, Catch::Contains("the server takes no request body"));
  const auto deleted = client.Delete("/api/status");
  REQUIRE(deleted);
  CHECK(deleted->status == 405);
  const auto dyads = client.Get("/api/population?dyads=101");
  REQUIRE(dyads);
  CHECK(dyads->status == 400);
  CHECK_THAT(dyads->body, Catch::Contains("dyads must be a whole number in [1, 100]"));
  const auto controls = client.Get("/api/controls");
  REQUIRE(controls);
  CHECK(nlohmann::json::parse(controls->body)["max_dyads"] == 100);
}

TEST_CASE(
    "sim/serve/limits: API requests beyond a client's rate are answered 429, the page's files are not "
    "counted") {
  ServerLimits limits;
  limits.rate_burst = 3;
  limits.rate_per_second = 0.5;
  RunningServer server(limits, 1);
  auto client = server.client();
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i) {
    const auto answer = client.Get("/api/controls");
    REQUIRE(answer);
    statuses.push_back(answer->status);
    if (answer->status == 429)
      CHECK_THAT(answer->body, Catch::Contains("at most 3 API requests at once, then 0.5 per second"));
  }
  CHECK(statuses == std::vector<int>{200, 200, 200, 429, 429});
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
}

TEST_CASE(
    "sim/serve/limits: the page answers within a second while runs and slow-header clients hold the server") {
  ServerLimits limits;
  limits.runs = 1;
  limits.connection_threads = 16;
  RunningServer server(limits, 1);
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 12; ++i) {  // the dozen: half a header each, held until cut
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    REQUIRE(slow.back()->send("GET / HTTP/1.1\r\nHost: t\r\n"));
  }
  auto stream = started_stream(server, 5000);
  std::vector<std::thread> refused;
  std::atomic<int> refusals{0};
  for (int i = 0; i < 6; ++i)
    refused.emplace_back([&] {
      auto client = server.client();
      const auto answer = client.Get("/api/population?dyads=5000");
      if (answer && answer->status == 429) ++refusals;
    });
  for (auto& t : refused) t.join();
  CHECK(refusals == 6);
  auto client = server.client();
  for (int i = 0; i < 5; ++i) {
    const auto asked = Clock::now();
    const auto page = client.Get("/");
    const double took = seconds_since(asked);
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(took < 1.0);
  }
}

TEST_CASE("sim/serve/limits: serve's limit options outside their range exit 2 naming the option") {
  attune::testing::TempFolder folder("attune_serve", "limit_options");
  const std::string args =
      GENERATE(std::string("serve --port 0 --max-runs 0"), std::string("serve --port 0 --max-runs 17"),
               std::string("serve --port 0 --max-dyads 0"), std::string("serve --port 0 --max-dyads 100001"));
  const auto result = attune::testing::run_attune(args, folder.path());
  INFO("attune " << args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK_THAT(result.err,
             Catch::Contains(args.find("runs") != std::string::npos ? "--max-runs" : "--max-dyads"));
}

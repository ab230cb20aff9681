// Connections per client address (sim/serve/guarded_server.cpp): one client's silent
// connections hold at most --connections-per-address threads; its next connection is
// answered 503 naming the limit at once, while another address is still served.
#include <catch2/catch.hpp>
#include <arpa/inet.h>
#include <memory>
#include <string>
#include <vector>

#include "tests/sim/serve/running_server.hpp"

using namespace attune::serve;
using namespace attune::serve::test;
using std::chrono::milliseconds;

namespace {

/// GET / from local address `from` (127.0.0.x: every 127/8 address is this machine's).
std::string get_from(const char* from, int port) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{}, server{};
  local.sin_family = server.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &local.sin_addr);
  server.sin_port = htons(static_cast<std::uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::bind(socket, reinterpret_cast<const sockaddr*>(&local), sizeof local) == 0 &&
      ::connect(socket, reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0) {
    const std::string request = "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    ::send(socket, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    for (ssize_t got; (got = ::recv(socket, buffer, sizeof buffer, 0)) > 0;)
      answer.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(socket);
  return answer;
}

}  // namespace

TEST_CASE("sim/serve/class: one address holds at most --connections-per-address connections", "[serve][class]") {
  ServerLimits limits;
  limits.connections_per_address = 4;
  RunningServer server(limits, 1);
  // Five silent connections (half a request line each) from one address. Which of them a
  // thread takes last is up to the server's pool, so the test asks only that exactly one is
  // refused, at once, and the other four are held (not answered, not closed).
  const auto asked = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < 5; ++i) {
    connections.push_back(std::make_unique<RawConnection>(server.port()));
    REQUIRE(connections.back()->send("GET / HT"));
  }
  int refused = 0;
  for (auto& connection : connections) {
    const std::string answer =
        connection->read_until("(attune serve --connections-per-address)\n", milliseconds(300));
    INFO(answer);
    if (answer.empty()) continue;
    ++refused;
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 503"));
    CHECK_THAT(answer, Catch::Contains("at most 4 at once from one client address"));
  }
  CHECK(refused == 1);
  // At once: a connection merely waiting would be cut by the header time, 5 s.
  CHECK(std::chrono::steady_clock::now() - asked < milliseconds(3000));
  // Another address is served meanwhile.
  CHECK_THAT(get_from("127.0.0.2", server.port()), Catch::StartsWith("HTTP/1.1 200"));
}

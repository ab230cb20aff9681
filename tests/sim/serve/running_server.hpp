#pragma once
// Test helpers for `attune serve`: a TeachingServer on a free loopback port, answering on
// its own thread for the test's life, and a raw socket for what httplib's client cannot
// do (stop mid-header, leave mid-stream).
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "sim/serve/http.hpp"
#include "sim/serve/teaching_server.hpp"

namespace attune::serve::test {

class RunningServer {
 public:
  explicit RunningServer(const ServerLimits& limits = {}, int threads = 2, bool class_mode = false)
      : server_(threads, limits, class_mode), port_(server_.bind("127.0.0.1", 0)), thread_([this] { server_.listen(); }) {
    // The page, not the API: the API counts against the client's rate.
    httplib::Client client("127.0.0.1", port_);
    for (int i = 0; i < 200 && !client.Get("/"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(120, 0);  // a block can be slow under the sanitizers
    return client;
  }
  int port() const { return port_; }
  const TeachingServer::ClassAccess& class_access() const { return server_.class_access(); }
  /// Stops the server now (the destructor then only waits for its thread).
  void stop() { server_.stop(); }

 private:
  TeachingServer server_;
  int port_;
  std::thread thread_;
};

/// A plain TCP connection to the server.
class RawConnection {
 public:
  explicit RawConnection(int port) : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { close(); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& text) const {
    return ::send(socket_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
  }
  /// Reads until `text` has arrived, the server closes, or `limit` passes; returns all read.
  std::string read_until(const std::string& text, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (received_.find(text) == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd entry{socket_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&entry, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[4096];
      const ssize_t got = ::recv(socket_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      received_.append(buffer, static_cast<std::size_t>(got));
    }
    return received_;
  }
  void close() {
    if (socket_ >= 0) ::close(socket_);
    socket_ = -1;
  }

 private:
  int socket_;
  bool connected_ = false;
  std::string received_;
};

}  // namespace attune::serve::test

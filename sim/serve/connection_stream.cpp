#include "sim/serve/connection_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace attune::serve {
namespace {

using Clock = std::chrono::steady_clock;
// How often a wait asks whether the server is stopping.
constexpr auto kStopCheck = std::chrono::milliseconds(100);

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

}  // namespace

ConnectionStream::ConnectionStream(int socket, const Limits& limits, std::function<bool()> stopping)
    : socket_(socket), limits_(limits), stopping_(std::move(stopping)) {}

bool ConnectionStream::wait(short events, Clock::time_point deadline) const {
  for (;;) {
    if (stopping_()) return false;
    const auto now = Clock::now();
    if (now >= deadline) return false;
    const auto slice = std::min<Clock::duration>(deadline - now, kStopCheck);
    pollfd entry{socket_, events, 0};
    const int ready =
        poll(&entry, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count()));
    if (ready > 0) return (entry.revents & (events | POLLHUP | POLLERR)) != 0;
    if (ready < 0 && errno != EINTR) return false;
  }
}

bool ConnectionStream::wait_for_request(std::chrono::milliseconds idle) {
  reading_headers_ = true;
  header_bytes_ = 0;
  cut_ = HeaderCut::none;
  body_late_ = false;
  written_ = 0;
  if (begin_ == end_ && !wait(POLLIN, Clock::now() + idle)) return false;
  header_deadline_ = Clock::now() + limits_.header_time;
  return true;
}

bool ConnectionStream::client_gone() const {
  pollfd entry{socket_, POLLRDHUP, 0};
  return poll(&entry, 1, 0) != 0 && (entry.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

bool ConnectionStream::is_readable() const {
  return begin_ < end_ || wait(POLLIN, Clock::now() + limits_.read_time);
}

bool ConnectionStream::is_writable() const {
  return !client_gone() && wait(POLLOUT, Clock::now() + limits_.write_time);
}

ssize_t ConnectionStream::read(char* ptr, std::size_t size) {
  if (reading_headers_) {
    // Counted as handed on: the library's line reader takes one byte per call.
    if (header_bytes_ + size > limits_.header_bytes) size = limits_.header_bytes - header_bytes_;
    if (size == 0) {
      cut_ = HeaderCut::too_large;
      return -1;
    }
  }
  if (begin_ == end_) {
    const auto deadline = reading_headers_ ? header_deadline_ : body_deadline_;
    if (!wait(POLLIN, deadline)) {
      if (reading_headers_ && Clock::now() >= header_deadline_) cut_ = HeaderCut::too_slow;
      if (!reading_headers_ && Clock::now() >= body_deadline_) body_late_ = true;
      return -1;
    }
    const ssize_t got = recv(socket_, buffer_, sizeof buffer_, 0);
    if (got <= 0) return got;
    begin_ = 0;
    end_ = static_cast<std::size_t>(got);
  }
  const std::size_t n = std::min(size, end_ - begin_);
  std::memcpy(ptr, buffer_ + begin_, n);
  begin_ += n;
  if (reading_headers_) header_bytes_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, std::size_t size) {
  if (!wait(POLLOUT, Clock::now() + limits_.write_time)) return -1;
  const ssize_t sent = send(socket_, ptr, size, MSG_NOSIGNAL);
  if (sent > 0) written_ += static_cast<std::size_t>(sent);
  return sent;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getpeername(socket_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    address_of(address, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    address_of(address, ip, port);
}

}  // namespace attune::serve

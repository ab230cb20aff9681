#pragma once
/// One accepted connection as cpp-httplib's Stream, with the limits the library (0.11)
/// lacks: the request line and headers must arrive within a total time and a total size
/// (the library only times each read and lets a header grow until its newline), and a
/// client that has closed its end counts as gone before the server computes for it.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "sim/serve/http.hpp"

namespace attune::serve {

/// What ended a request before its headers were complete.
enum class HeaderCut { none, too_slow, too_large };

class ConnectionStream final : public httplib::Stream {
 public:
  struct Limits {
    std::chrono::milliseconds header_time;  ///< request line and headers, from their first byte
    std::size_t header_bytes;               ///< request line and headers together
    std::chrono::milliseconds read_time;    ///< the request's body, from the end of its headers
    std::chrono::milliseconds write_time;   ///< one write
  };
  /// `stopping` is asked while waiting, so a stopping server is not held up by a silent client.
  ConnectionStream(int socket, const Limits& limits, std::function<bool()> stopping);

  /// Waits up to `idle` for the next request's first byte; false when none came.
  bool wait_for_request(std::chrono::milliseconds idle);
  /// The request line and headers have been read: their limits no longer apply, and the
  /// body (class mode's small JSON) must arrive within read_time, whole: a body trickled a
  /// byte at a time would otherwise hold the connection's thread for read_time per byte.
  void headers_read() {
    reading_headers_ = false;
    body_deadline_ = std::chrono::steady_clock::now() + limits_.read_time;
  }
  HeaderCut cut() const { return cut_; }
  /// True when this request's body did not arrive within read_time of its headers.
  bool body_late() const { return body_late_; }
  /// True once the client has closed its end (or the socket failed): nobody will read an answer.
  bool client_gone() const;
  /// Bytes of response written so far (0: the client has had no answer yet).
  std::size_t written() const { return written_; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  /// Polls for `events` until `deadline`, in short slices that ask `stopping_`.
  bool wait(short events, std::chrono::steady_clock::time_point deadline) const;

  int socket_;
  Limits limits_;
  std::function<bool()> stopping_;
  bool reading_headers_ = false;
  std::chrono::steady_clock::time_point header_deadline_, body_deadline_;
  std::size_t header_bytes_ = 0;
  HeaderCut cut_ = HeaderCut::none;
  bool body_late_ = false;
  std::size_t written_ = 0;
  // Read ahead like httplib's own SocketStream: its line reader asks for one byte at a time.
  char buffer_[4096];
  std::size_t begin_ = 0, end_ = 0;
};

}  // namespace attune::serve

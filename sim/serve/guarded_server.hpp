#pragma once
/// cpp-httplib's server with the connection limits it lacks (0.11): each connection is read
/// through a ConnectionStream, so the request line and headers have a total time and size,
/// an idle keep-alive connection is closed, one client address holds at most a few of the
/// connection threads, and a handler can ask whether its client is still there. Everything
/// else (parsing, routing, writing) is the library's.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "sim/serve/connection_stream.hpp"
#include "sim/serve/http.hpp"

namespace attune::serve {

struct ConnectionLimits {
  ConnectionStream::Limits stream;
  std::chrono::milliseconds idle;  ///< between requests on one connection
  std::size_t requests;            ///< requests on one connection before it is closed
  std::size_t threads;             ///< connections answered at once; more wait for a thread
  std::size_t per_address;         ///< connections of one client address at once; more are answered 503
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(const ConnectionLimits& limits);

  /// Lets the listening socket queue SOMAXCONN connections instead of the library's 5, so
  /// a burst of clients is not made to retry their connection a second later. After a bind.
  void widen_backlog();

  /// True when the client of the request this thread is answering has closed its end.
  static bool client_gone();
  /// What cut this thread's current request short (for the error handler's message).
  static HeaderCut header_cut();
  /// True when this thread's current request's body came too slowly (ConnectionStream::body_late).
  static bool body_late();
  /// Closes this thread's connection after the answer (a request body left unread).
  static void close_after_answer();

 private:
  bool process_and_close_socket(socket_t socket) override;
  /// Answers the requests of one connection of an address within its share, then closes it.
  bool process_connection(socket_t socket);
  /// Counts a connection of `address`; false (nothing counted) when it has `per_address` open.
  bool enter(const std::string& address);
  void leave(const std::string& address);

  ConnectionLimits limits_;
  std::mutex addresses_mutex_;
  std::unordered_map<std::string, std::size_t> open_by_address_;  ///< only addresses with one open
};

}  // namespace attune::serve

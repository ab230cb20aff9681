#pragma once
/// The HTTP server behind `attune serve`: the page's files and a small JSON/SSE API.
///   GET /api/controls    the sliders (id, label, range, normative value, what each maps to)
///   GET /api/population  ?<slider>=v...&dyads=N: a text/event-stream of class counts, one
///                        "counts" event per block and a "done" event; a client that goes
///                        away cancels the run before its next block
///   GET /api/trace       ?<slider>=v...&dyads=N&dyad=K&day=D: one dyad's day as JSON
///   GET /api/still_face  ?<slider>=v...: the still-face paradigm on the population
///   GET /api/status      runs going, refused and dropped, dyads simulated
/// Bad query values are answered 400 with a plain-text message; a request beyond one of
/// ServerLimits is refused (413, 429, 431, 408) with a message naming the limit.
///
/// In class mode (`attune serve --class`, sim/serve/class_routes.hpp) every API request
/// carries the teacher's secret or the class's join code (401 without, 403 when wrong),
/// students may call only their few routes, and POST is taken on /api/class/ only.
#include <memory>
#include <string>

#include "sim/serve/server_limits.hpp"

namespace attune::serve {

class TeachingServer {
 public:
  /// `threads`: workers for each population run (0 = all cores); `class_mode`: serve a
  /// class, with a fresh join code and teacher secret.
  explicit TeachingServer(int threads, const ServerLimits& limits = {}, bool class_mode = false);
  ~TeachingServer();
  TeachingServer(const TeachingServer&) = delete;
  TeachingServer& operator=(const TeachingServer&) = delete;

  /// Binds `host`:`port` (port 0 = a free port); returns the port bound. Throws
  /// std::runtime_error when the address cannot be bound.
  int bind(const std::string& host, int port);
  /// Answers requests until stop(); call after bind().
  void listen();
  /// Stops listening; running population streams and a class's run end at their next
  /// block. Any thread.
  void stop();

  /// How students and the teacher reach a class; all empty without class mode. The
  /// addresses are set by bind(): http://HOST:PORT/join and http://HOST:PORT/#teacher=SECRET,
  /// HOST the bound address or, for 0.0.0.0 and ::, this machine's first network IPv4
  /// address; student_address is empty when there is none (teacher_address then uses 127.0.0.1).
  struct ClassAccess {
    std::string join_code, teacher_secret, student_address, teacher_address;
  };
  const ClassAccess& class_access() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attune::serve

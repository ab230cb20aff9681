#pragma once
/// `attune serve`: the teaching page on a local address until SIGINT or SIGTERM.
#include <string>

#include "sim/serve/server_limits.hpp"

namespace attune::serve {

struct ServeOptions {
  std::string bind = "127.0.0.1";  ///< local only unless told otherwise
  int port = 8080;                 ///< 0 = a free port (printed)
  int threads = 0;                 ///< workers per population run; 0 = all cores
  ServerLimits limits;             ///< --max-runs, --max-dyads, --max-students, --students-per-address, --connections-per-address; the rest fixed (README)
  bool class_mode = false;         ///< --class: a class with a join code and a teacher's secret
};

/// Serves until SIGINT or SIGTERM; returns the exit code (1 when the page's assets
/// were not built in or the address cannot be bound). In class mode it prints the join
/// code, the students' address and the teacher's after the "listening on" line.
int serve_command(const ServeOptions& options);

}  // namespace attune::serve

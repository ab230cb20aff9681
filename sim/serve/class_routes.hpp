#pragma once
/// The routes of class mode (`attune serve --class`), beside the teaching page's own:
///   GET  /join                 the students' page
///   POST /api/class/question   (teacher) {"query","kind","text"?}: opens predictions
///   POST /api/class/prediction (student) {"student", "secure_share" | "rises"}
///   POST /api/class/close      (teacher) closes predictions
///   POST /api/class/run        (teacher) runs the question and its baseline
///   GET  /api/class/state      ?student=token: the class as the caller may see it
/// Who may call which is decided before any route (sim/serve/class_auth.hpp); each answer
/// that changes the class is the class's new state.
#include <functional>
#include <memory>
#include <string>

#include "sim/serve/class_auth.hpp"
#include "sim/serve/class_room.hpp"
#include "sim/serve/http.hpp"
#include "sim/serve/run_slots.hpp"
#include "sim/serve/server_limits.hpp"

namespace attune::serve {

/// What the class routes use of the server; everything outlives the routes.
struct ClassRouteContext {
  ClassRoom& room;
  const ClassKeys& keys;
  const std::string& student_address;  ///< http://HOST:PORT/join, or empty when unknown
  const ServerLimits& limits;
  std::uint64_t default_dyads;
  /// A run slot, or null with the request answered (429; 400 when the client has gone).
  std::function<std::shared_ptr<RunSlots::Slot>(httplib::Response&)> take_run;
};

void add_class_routes(httplib::Server& http, const ClassRouteContext& context);

}  // namespace attune::serve

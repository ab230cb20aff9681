#pragma once
/// Who may call what in class mode (`attune serve --class`): every API request carries the
/// teacher's secret (X-Attune-Teacher) or the join code (X-Attune-Join); students may only
/// read the class, predict, and read the sliders and presets. The page's files need neither:
/// they hold no data.
#include <cstddef>
#include <string>

#include "sim/serve/http.hpp"

namespace attune::serve {

inline constexpr const char* kTeacherHeader = "X-Attune-Teacher";
inline constexpr const char* kJoinHeader = "X-Attune-Join";

/// The class's two secrets (sim/serve/class_secrets.hpp).
struct ClassKeys {
  std::string join_code;
  std::string teacher_secret;
};

/// Who sent a request, by its headers. The teacher's header decides when both are given.
enum class ClassRole { teacher, student, anonymous, wrong_secret, wrong_code };

/// The role of `request`'s sender. The join code is compared without regard to case
/// (students type it); both are compared in constant time.
ClassRole class_role(const httplib::Request& request, const ClassKeys& keys);

/// An API request `role` may not make: its status (401, 403) and message; status 0 when allowed.
struct ClassRefusal {
  int status = 0;
  std::string message;
};
ClassRefusal class_refusal(ClassRole role, const httplib::Request& request);

/// The method and body of a request to /api/class/: GET and HEAD without a body, or POST
/// with one Content-Length of at most `max_body` bytes (a body without a length would be
/// read until the client closes). A refusal's status: 405, 411 or 413.
ClassRefusal class_body_refusal(const httplib::Request& request, std::size_t max_body);

}  // namespace attune::serve

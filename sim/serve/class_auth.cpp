#include "sim/serve/class_auth.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "sim/serve/class_secrets.hpp"

namespace attune::serve {
namespace {

/// What a student may call: reading the class, predicting, and what the page needs to
/// show a question (the sliders and presets).
constexpr std::array<std::pair<const char*, const char*>, 4> kStudentRoutes{{
    {"GET", "/api/class/state"},
    {"POST", "/api/class/prediction"},
    {"GET", "/api/controls"},
    {"GET", "/api/presets"},
}};

bool student_may_call(const httplib::Request& request) {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  return std::any_of(kStudentRoutes.begin(), kStudentRoutes.end(),
                     [&](const auto& route) { return method == route.first && request.path == route.second; });
}

std::string student_routes_text() {
  std::string text;
  for (std::size_t i = 0; i < kStudentRoutes.size(); ++i)
    text.append(i == 0 ? "" : i + 1 == kStudentRoutes.size() ? " and " : ", ")
        .append(kStudentRoutes[i].first)
        .append(" ")
        .append(kStudentRoutes[i].second);
  return text;
}

}  // namespace

ClassRole class_role(const httplib::Request& request, const ClassKeys& keys) {
  if (request.has_header(kTeacherHeader))
    return same_secret(request.get_header_value(kTeacherHeader), keys.teacher_secret) ? ClassRole::teacher
                                                                                       : ClassRole::wrong_secret;
  if (request.has_header(kJoinHeader)) {
    std::string code = request.get_header_value(kJoinHeader);
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
    return same_secret(code, keys.join_code) ? ClassRole::student : ClassRole::wrong_code;
  }
  return ClassRole::anonymous;
}

ClassRefusal class_refusal(ClassRole role, const httplib::Request& request) {
  switch (role) {
    case ClassRole::teacher:
      return {};
    case ClassRole::student:
      if (student_may_call(request)) return {};
      return {403, "only the teacher may call " + request.method + " " + request.path + "; students may call " +
                       student_routes_text()};
    case ClassRole::anonymous:
      return {401, std::string("this server runs a class: an API request must carry the join code (") +
                       kJoinHeader + ") or the teacher's secret (" + kTeacherHeader +
                       "); open the address attune serve printed"};
    case ClassRole::wrong_secret:
      return {403, std::string("wrong teacher secret (") + kTeacherHeader +
                       "): open the teacher address attune serve printed"};
    case ClassRole::wrong_code:
      return {403, std::string("wrong join code (") + kJoinHeader + "): check the code shown by the teacher"};
  }
  return {500, "unknown role"};
}

ClassRefusal class_body_refusal(const httplib::Request& request, std::size_t max_body) {
  const std::string limit = "a class request's body is JSON of at most " + std::to_string(max_body) + " bytes";
  if (request.has_header("Transfer-Encoding") || request.get_header_value_count("Content-Length") > 1)
    return {413, limit + ", sent with one Content-Length"};
  const std::string length = request.get_header_value("Content-Length");
  const bool has_body = length.find_first_not_of('0') != std::string::npos;
  if (request.method == "GET" || request.method == "HEAD")
    return has_body ? ClassRefusal{413, "a " + request.method + " request takes no body"} : ClassRefusal{};
  if (request.method != "POST") return {405, "the class routes answer GET, HEAD and POST"};
  if (!request.has_header("Content-Length")) return {411, limit + ", sent with a Content-Length"};
  if (length.empty() || length.find_first_not_of("0123456789") != std::string::npos || length.size() > 18 ||
      std::stoull(length) > max_body)
    return {413, limit + " (Content-Length: " + length + ")"};
  return {};
}

}  // namespace attune::serve

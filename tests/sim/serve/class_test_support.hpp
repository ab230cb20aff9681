#pragma once
// Test helpers for class mode (`attune serve --class`): a class server whose rate limit
// stays out of the way, and requests as the teacher, a student or nobody.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/serve/class_auth.hpp"
#include "sim/serve/http.hpp"
#include "tests/sim/serve/running_server.hpp"

namespace attune::serve::test {

/// Limits of a class test: the per-address rates and students far above what a test
/// sends from its one address (each tested on its own: serve_limits_test.cpp,
/// class_abuse_test.cpp), the rest as given.
inline ServerLimits class_limits(ServerLimits limits = {}) {
  limits.rate_burst = 100000;
  limits.rate_per_second = 100000;
  limits.address_rate_burst = 100000;
  limits.address_rate_per_second = 100000;
  limits.students_per_address = 1000;
  return limits;
}

/// Who a request comes from.
enum class Sender { teacher, student, nobody };

class ClassClient {
 public:
  ClassClient(const RunningServer& server, Sender sender) : client_(server.client()) {
    if (sender == Sender::teacher) headers_.emplace(kTeacherHeader, server.class_access().teacher_secret);
    if (sender == Sender::student) headers_.emplace(kJoinHeader, server.class_access().join_code);
  }
  ClassClient(const RunningServer& server, const std::string& header, const std::string& value)
      : client_(server.client()) {
    headers_.emplace(header, value);
  }

  httplib::Result get(const std::string& path) { return client_.Get(path.c_str(), headers_); }
  httplib::Result post(const std::string& path, const std::string& body) {
    return client_.Post(path.c_str(), headers_, body, "application/json");
  }
  httplib::Result post(const std::string& path, const char* body) { return post(path, std::string(body)); }
  httplib::Result post(const std::string& path, const nlohmann::json& body) { return post(path, body.dump()); }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
};

/// The class's state as `client` sees it (a student's with its token).
inline nlohmann::json class_state(ClassClient& client, const std::string& student = "") {
  const auto answer = client.get("/api/class/state" + (student.empty() ? "" : "?student=" + student));
  if (!answer || answer->status != 200) return nullptr;
  return nlohmann::json::parse(answer->body);
}

}  // namespace attune::serve::test

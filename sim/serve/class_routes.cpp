#include "sim/serve/class_routes.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/serve/class_question.hpp"
#include "sim/serve/web_assets.hpp"

namespace attune::serve {
namespace {

void answer_json(httplib::Response& response, const nlohmann::json& body) {
  response.set_header("Cache-Control", "no-store");
  response.set_content(body.dump(), "application/json");
}

/// The class's state as `request`'s sender may see it, with the teacher's extra fields.
nlohmann::json visible_state(const ClassRouteContext& context, const httplib::Request& request,
                             const std::string& student) {
  const bool teacher = class_role(request, context.keys) == ClassRole::teacher;
  nlohmann::json state = context.room.state(teacher, student);
  if (teacher) {
    state["join_code"] = context.keys.join_code;
    state["student_address"] = context.student_address;
  }
  return state;
}

/// The answer to a refused class action, or false when it was done.
bool refused(httplib::Response& response, ClassRoom::Outcome outcome, const ServerLimits& limits) {
  switch (outcome) {
    case ClassRoom::Outcome::done:
      return false;
    case ClassRoom::Outcome::no_question:
      answer_text(response, 409, "no question has been asked yet (POST /api/class/question)");
      break;
    case ClassRoom::Outcome::not_open:
      answer_text(response, 409, "predictions are not open: the teacher has closed them or asked no question");
      break;
    case ClassRoom::Outcome::wrong_kind:
      answer_text(response, 400, "the prediction's kind is not the question's (see kind in /api/class/state)");
      break;
    case ClassRoom::Outcome::full:
      answer_text(response, 429,
                  "the class is full: at most " + std::to_string(limits.students) +
                      " students predict (attune serve --max-students)");
      break;
    case ClassRoom::Outcome::address_full:
      answer_text(response, 429,
                  "too many students from one address: at most " + std::to_string(limits.students_per_address) +
                      " new students from one client address per question (attune serve --students-per-address)");
      break;
    case ClassRoom::Outcome::stale_question:
      answer_text(response, 409,
                  "the prediction answers an earlier question (question); the teacher has asked a new one: reload "
                  "/api/class/state");
      break;
    case ClassRoom::Outcome::running:
      answer_text(response, 409, "the class's run is under way; wait for its result");
      break;
  }
  return true;
}

void serve_student_page(httplib::Server& http) {
  const auto& assets = web_assets();
  const auto page = std::find_if(assets.begin(), assets.end(),
                                 [](const WebAsset& asset) { return asset.path == "/student.html"; });
  if (page == assets.end()) {
    http.Get("/join", [](const httplib::Request&, httplib::Response& response) {
      answer_text(response, 404, "the students' page (student.html) is not built into this binary");
    });
    return;
  }
  http.Get("/join", [&asset = *page](const httplib::Request&, httplib::Response& response) {
    response.set_content(asset.body.data(), asset.body.size(), std::string(asset.content_type).c_str());
  });
}

}  // namespace

void add_class_routes(httplib::Server& http, const ClassRouteContext& context) {
  serve_student_page(http);
  http.Get("/api/class/state", [context](const httplib::Request& request, httplib::Response& response) {
    std::string student;
    for (const auto& [key, value] : request.params) {
      if (key != "student") {
        answer_text(response, 400, "unknown parameter '" + key + "'; expected: student");
        return;
      }
      student = value;
    }
    try {
      if (request.has_param("student")) check_student_token(student, "student");
    } catch (const std::invalid_argument& e) {
      answer_text(response, 400, e.what());
      return;
    }
    answer_json(response, visible_state(context, request, student));
  });
  http.Post("/api/class/question", [context](const httplib::Request& request, httplib::Response& response) {
    try {
      ClassQuestion question = read_class_question(request.body, context.default_dyads, context.limits.dyads);
      if (!refused(response, context.room.ask(std::move(question)), context.limits))
        answer_json(response, visible_state(context, request, ""));
    } catch (const std::invalid_argument& e) {
      answer_text(response, 400, e.what());
    }
  });
  http.Post("/api/class/prediction", [context](const httplib::Request& request, httplib::Response& response) {
    try {
      const ClassPrediction prediction = read_class_prediction(request.body);
      if (!refused(response, context.room.predict(prediction, request.remote_addr), context.limits))
        answer_json(response, visible_state(context, request, prediction.student));
    } catch (const std::invalid_argument& e) {
      answer_text(response, 400, e.what());
    }
  });
  http.Post("/api/class/close", [context](const httplib::Request& request, httplib::Response& response) {
    if (!refused(response, context.room.close(), context.limits))
      answer_json(response, visible_state(context, request, ""));
  });
  http.Post("/api/class/run", [context](const httplib::Request& request, httplib::Response& response) {
    // A run under way is a 409 even when it holds the last slot.
    if (context.room.phase() == ClassPhase::running) {
      refused(response, ClassRoom::Outcome::running, context.limits);
      return;
    }
    auto slot = context.take_run(response);
    if (!slot) return;
    if (!refused(response, context.room.run(std::move(slot)), context.limits))
      answer_json(response, visible_state(context, request, ""));
  });
}

}  // namespace attune::serve

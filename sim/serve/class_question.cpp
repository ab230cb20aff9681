#include "sim/serve/class_question.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/serve/class_scenario.hpp"

namespace attune::serve {
namespace {

/// `body` as a JSON object whose keys are all in `known` (listed in the message).
nlohmann::json read_object(const std::string& body, std::initializer_list<const char*> known) {
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(std::string("the body must be a JSON object: ") + e.what());
  }
  if (!object.is_object()) throw std::invalid_argument("the body must be a JSON object, got " + object.dump());
  for (const auto& item : object.items()) {
    bool found = false;
    for (const char* key : known) found = found || item.key() == key;
    if (found) continue;
    std::string message = "unknown key '" + item.key() + "'; expected";
    for (const char* key : known) message.append(" ").append(key);
    throw std::invalid_argument(message);
  }
  return object;
}

std::string string_at(const nlohmann::json& object, const std::string& key) {
  if (!object.contains(key)) throw std::invalid_argument(key + " is missing");
  if (!object[key].is_string()) throw std::invalid_argument(key + " must be a string, got " + object[key].dump());
  return object[key].get<std::string>();
}

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const unsigned char c : text) count += (c & 0xC0) != 0x80;  // not a continuation byte
  return count;
}

}  // namespace

std::string kind_name(QuestionKind kind) {
  return kind == QuestionKind::secure_share ? "secure_share" : "class_rises";
}

ClassQuestion read_class_question(const std::string& body, std::uint64_t default_dyads, std::uint64_t max_dyads) {
  const nlohmann::json object = read_object(body, {"query", "kind", "text"});
  ClassQuestion question;
  question.query = string_at(object, "query");
  const std::string kind = string_at(object, "kind");
  if (kind == "secure_share")
    question.kind = QuestionKind::secure_share;
  else if (kind == "class_rises")
    question.kind = QuestionKind::class_rises;
  else
    throw std::invalid_argument("kind must be \"secure_share\" or \"class_rises\", got \"" + kind + "\"");
  if (object.contains("text")) {
    question.text = string_at(object, "text");
    if (code_points(question.text) > kQuestionTextMax)
      throw std::invalid_argument("text must be at most " + std::to_string(kQuestionTextMax) + " characters, got " +
                                  std::to_string(code_points(question.text)));
  }
  try {
    QuestionPopulations populations = question_populations(question.query, default_dyads, max_dyads);
    question.preset = std::move(populations.preset);
    question.title = std::move(populations.title);
    question.scenario = std::move(populations.scenario);
    question.baseline = std::move(populations.baseline);
    question.baseline_query = std::move(populations.baseline_query);
    if (question.kind == QuestionKind::class_rises && question.preset == "normative" && !populations.sliders_moved)
      throw std::invalid_argument(
          "normative with no slider moved is its own baseline: no class can rise; move a slider or choose a preset");
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("query: ") + e.what());
  }
  return question;
}

void check_student_token(const std::string& token, const std::string& key) {
  const bool characters_ok = token.find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (token.size() < 8 || token.size() > 64 || !characters_ok)
    throw std::invalid_argument(key + " must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -");
}

ClassPrediction read_class_prediction(const std::string& body) {
  const nlohmann::json object = read_object(body, {"student", "question", "secure_share", "rises"});
  ClassPrediction prediction;
  prediction.student = string_at(object, "student");
  check_student_token(prediction.student, "student");
  if (object.contains("question")) {
    if (!object["question"].is_number_unsigned())
      throw std::invalid_argument("question must be the question's id (a whole number), got " +
                                  object["question"].dump());
    prediction.question = object["question"].get<std::uint64_t>();
  }
  const bool share = object.contains("secure_share"), rises = object.contains("rises");
  if (share == rises) throw std::invalid_argument("give exactly one of secure_share and rises");
  if (share) {
    const auto& value = object["secure_share"];
    if (!value.is_number() || !(value.get<double>() >= 0 && value.get<double>() <= 100))
      throw std::invalid_argument("secure_share must be a number of percent in [0, 100], got " + value.dump());
    prediction.kind = QuestionKind::secure_share;
    prediction.secure_share = value.get<double>();
  } else {
    const std::string label = string_at(object, "rises");
    if (label.size() != 1 || label[0] < 'A' || label[0] > 'D')
      throw std::invalid_argument("rises must be \"A\", \"B\", \"C\" or \"D\", got \"" + label + "\"");
    prediction.kind = QuestionKind::class_rises;
    prediction.rises = label[0];
  }
  return prediction;
}

nlohmann::json prediction_json(const ClassPrediction& prediction) {
  if (prediction.kind == QuestionKind::secure_share) return {{"secure_share", prediction.secure_share}};
  return {{"rises", std::string(1, prediction.rises)}};
}

}  // namespace attune::serve

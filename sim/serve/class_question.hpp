#pragma once
/// What the teacher asks and what students answer in class mode: the JSON bodies of
/// POST /api/class/question and /api/class/prediction, checked, every bad value a
/// std::invalid_argument naming its key.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// What students predict: the share of secure (B) infants, or the class whose share rises most.
enum class QuestionKind { secure_share, class_rises };

/// A question and the two populations its result compares.
struct ClassQuestion {
  std::string query;  ///< as the teacher sent it: the main page's query (preset, sliders, dyads)
  QuestionKind kind = QuestionKind::secure_share;
  std::string text;   ///< the teacher's prompt; may be empty
  std::string preset, title;
  Scenario scenario;           ///< the query's population, as /api/population would run it
  Scenario baseline;           ///< the same preset without slider changes (normative when none moved), the same dyads
  std::string baseline_query;  ///< the baseline as a query, for the answer
};

/// The longest prompt, in characters (UTF-8 code points).
inline constexpr std::size_t kQuestionTextMax = 200;

/// Reads {"query","kind","text"?}. The query is checked as /api/population checks its own
/// (dyads default `default_dyads`, at most `max_dyads`).
ClassQuestion read_class_question(const std::string& body, std::uint64_t default_dyads, std::uint64_t max_dyads);

/// One student's prediction.
struct ClassPrediction {
  std::string student;  ///< the student's token (the page makes one and keeps it)
  /// The question's id (/api/class/state's question.id) the prediction answers; absent: the current one.
  std::optional<std::uint64_t> question;
  QuestionKind kind = QuestionKind::secure_share;
  double secure_share = 0;  ///< percent, 0..100 (secure_share)
  char rises = 'A';         ///< 'A'..'D' (class_rises)
};

/// Reads {"student", "secure_share": 0..100} or {"student", "rises": "A".."D"}, each with
/// an optional "question": the id of the question answered.
ClassPrediction read_class_prediction(const std::string& body);

/// Whether `token` is a student token: 8 to 64 characters of [A-Za-z0-9_-]; otherwise
/// std::invalid_argument naming `key`.
void check_student_token(const std::string& token, const std::string& key);

std::string kind_name(QuestionKind kind);
/// {"secure_share": v} or {"rises": "X"}.
nlohmann::json prediction_json(const ClassPrediction& prediction);

}  // namespace attune::serve

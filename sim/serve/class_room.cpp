#include "sim/serve/class_room.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include "analysis/run/class_result.hpp"

namespace attune::serve {
namespace {

// Distinct baselines kept: the presets at a few population sizes; the cache starts again
// when full, so its memory stays a few kilobytes however long the lecture.
constexpr std::size_t kBaselinesKept = 64;

const char* phase_name(ClassPhase phase) {
  switch (phase) {
    case ClassPhase::waiting: return "waiting";
    case ClassPhase::open: return "open";
    case ClassPhase::closed: return "closed";
    case ClassPhase::running: return "running";
    case ClassPhase::result: return "result";
  }
  return "unknown";
}

/// The bin of a predicted secure share: 0-10, 10-20, .., 90-100 % (100 in the last).
std::size_t share_bin(double percent) { return std::min<std::size_t>(9, static_cast<std::size_t>(percent / 10)); }

}  // namespace

ClassRoom::ClassRoom(std::size_t max_students, std::size_t students_per_address, int threads,
                     std::atomic<std::uint64_t>& dyads_simulated)
    : max_students_(max_students),
      students_per_address_(students_per_address),
      threads_(threads),
      dyads_simulated_(dyads_simulated) {}

ClassRoom::~ClassRoom() {
  cancel();
  if (runner_.joinable()) runner_.join();
}

void ClassRoom::cancel() { cancel_ = true; }

ClassRoom::Outcome ClassRoom::ask(ClassQuestion question) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (phase_ == ClassPhase::running) return Outcome::running;
  question_ = std::move(question);
  ++question_id_;
  predictions_.clear();
  students_by_address_.clear();
  result_ = nullptr;
  error_.clear();
  progress_done_ = progress_total_ = 0;
  phase_ = ClassPhase::open;
  changed();
  return Outcome::done;
}

ClassRoom::Outcome ClassRoom::predict(const ClassPrediction& prediction, const std::string& address) {
  const std::lock_guard<std::mutex> lock(mutex_);
  // A late answer to the last question must not count for this one.
  if (prediction.question && *prediction.question != question_id_) return Outcome::stale_question;
  if (phase_ != ClassPhase::open) return Outcome::not_open;
  if (prediction.kind != question_->kind) return Outcome::wrong_kind;
  const auto it = predictions_.find(prediction.student);
  if (it != predictions_.end()) {
    it->second = prediction;
  } else if (predictions_.size() >= max_students_) {
    return Outcome::full;
  } else {
    std::size_t& added = students_by_address_[address];
    if (added >= students_per_address_) return Outcome::address_full;
    ++added;
    predictions_.emplace(prediction.student, prediction);
  }
  changed();
  return Outcome::done;
}

ClassRoom::Outcome ClassRoom::close() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!question_) return Outcome::no_question;
  if (phase_ == ClassPhase::open) {
    phase_ = ClassPhase::closed;
    changed();
  }
  return Outcome::done;
}

ClassRoom::Outcome ClassRoom::run(std::shared_ptr<RunSlots::Slot> slot) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!question_) return Outcome::no_question;
  if (phase_ == ClassPhase::running) return Outcome::running;
  if (cancel_) return Outcome::running;  // the server is stopping: no new run
  if (runner_.joinable()) runner_.join();  // the last run's thread, already past its last lock
  phase_ = ClassPhase::running;
  result_ = nullptr;
  error_.clear();
  progress_done_ = 0;
  progress_total_ = stream_dyads(question_->scenario) +
                    (baselines_.count(question_->baseline_query) ? 0 : stream_dyads(question_->baseline));
  changed();
  runner_ = std::thread(&ClassRoom::run_question, this, *question_, std::move(slot));
  return Outcome::done;
}

void ClassRoom::run_question(ClassQuestion question, std::shared_ptr<RunSlots::Slot> slot) {
  std::optional<ClassTally> current, baseline;
  std::string error;
  try {
    current = run_class_population(
        question.scenario, threads_, cancel_,
        [this](std::uint64_t done) {
          const std::lock_guard<std::mutex> lock(mutex_);
          progress_done_ = done;
          changed();
        },
        dyads_simulated_);
    if (!current->complete) current.reset();  // cancelled
    if (current) baseline = baseline_counts(question.baseline, question.baseline_query, current->dyads);
  } catch (const std::exception& e) {  // a defect: the class sees it rather than a hung run
    error = std::string("the run failed: ") + e.what();
  }
  slot.reset();  // the slot is free before the class can see the result and ask for another run
  const std::lock_guard<std::mutex> lock(mutex_);
  if (current && baseline) {
    result_ = class_result_json(*current, *baseline, question.baseline_query);
    phase_ = ClassPhase::result;
  } else {
    phase_ = ClassPhase::closed;  // stopped or failed: the teacher may run it again
    error_ = error;
  }
  changed();
}

std::optional<ClassTally> ClassRoom::baseline_counts(const Scenario& baseline, const std::string& key,
                                                     std::uint64_t done_before) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto cached = baselines_.find(key);
    if (cached != baselines_.end()) return cached->second;
  }
  const ClassTally counts = run_class_population(
      baseline, threads_, cancel_,
      [this, done_before](std::uint64_t done) {
        const std::lock_guard<std::mutex> lock(mutex_);
        progress_done_ = done_before + done;
        changed();
      },
      dyads_simulated_);
  if (!counts.complete) return std::nullopt;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (baselines_.size() >= kBaselinesKept) baselines_.clear();
  baselines_.emplace(key, counts);
  return counts;
}

ClassPhase ClassRoom::phase() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return phase_;
}

nlohmann::json ClassRoom::state(bool teacher, const std::string& student) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  nlohmann::json state{{"version", version_},
                       {"phase", phase_name(phase_)},
                       {"question", nullptr},
                       {"predictions", nullptr},
                       {"mine", nullptr},
                       {"progress", {{"done", progress_done_}, {"total", progress_total_}}},
                       {"result", result_},
                       {"error", error_.empty() ? nlohmann::json(nullptr) : nlohmann::json(error_)}};
  if (!question_) return state;
  state["question"] = {{"id", question_id_},
                       {"query", question_->query},
                       {"kind", kind_name(question_->kind)},
                       {"text", question_->text},
                       {"preset", question_->preset},
                       {"title", question_->title},
                       {"baseline", question_->baseline_query}};
  // Students see the others' predictions only once predictions are closed: no herding.
  if (teacher || phase_ != ClassPhase::open) {
    std::array<std::uint64_t, 10> shares{};
    std::array<std::uint64_t, 4> rises{};
    for (const auto& [token, prediction] : predictions_) {
      if (prediction.kind == QuestionKind::secure_share)
        ++shares[share_bin(prediction.secure_share)];
      else
        ++rises[static_cast<std::size_t>(prediction.rises - 'A')];
    }
    state["predictions"] = {{"count", predictions_.size()},
                            {"secure_share", shares},
                            {"rises", {{"A", rises[0]}, {"B", rises[1]}, {"C", rises[2]}, {"D", rises[3]}}}};
  }
  if (const auto mine = predictions_.find(student); !student.empty() && mine != predictions_.end())
    state["mine"] = prediction_json(mine->second);
  return state;
}

}  // namespace attune::serve

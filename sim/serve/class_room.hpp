#pragma once
/// The state of a class (`attune serve --class`): the teacher's question, the students'
/// predictions, and the run that answers it. Every method may be called from any thread;
/// the state is bounded (one question, at most `max_students` predictions, a few cached
/// baselines) and has a version that grows with every change, so a page polling it can
/// tell when to redraw.
///
///   waiting --ask--> open --close--> closed --run--> running --> result
///   (ask again from open, closed or result; run also from open, closing it first)
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/serve/class_question.hpp"
#include "sim/serve/class_run.hpp"
#include "sim/serve/run_slots.hpp"

namespace attune::serve {

enum class ClassPhase { waiting, open, closed, running, result };

class ClassRoom {
 public:
  /// `threads`: workers of the question's run (0 = all cores); `dyads_simulated`: the
  /// server's count of dyads run, for /api/status. Both outlive the room.
  /// `students_per_address`: new students one client address may add to a question.
  ClassRoom(std::size_t max_students, std::size_t students_per_address, int threads,
            std::atomic<std::uint64_t>& dyads_simulated);
  /// Cancels a run under way and waits for its thread (it ends at its next block).
  ~ClassRoom();
  ClassRoom(const ClassRoom&) = delete;
  ClassRoom& operator=(const ClassRoom&) = delete;

  /// What an action did; anything but `done` is a refusal the caller answers.
  enum class Outcome { done, no_question, not_open, wrong_kind, full, address_full, stale_question, running };

  /// Asks `question`: opens predictions, clears the last question's predictions and result.
  /// Refused while a run is under way.
  Outcome ask(ClassQuestion question);
  /// Records a student's prediction, sent from client address `address`, replacing its
  /// earlier one. Refused unless predictions are open, when it answers an earlier question
  /// or its kind is not the question's, and for a new student beyond the class's limit or
  /// its address's.
  Outcome predict(const ClassPrediction& prediction, const std::string& address);
  /// Closes predictions (nothing to do when they are closed already).
  Outcome close();
  /// Closes predictions and runs the question's population, then its baseline (from a
  /// cache when that population has been run before), on the room's thread, holding
  /// `slot` until the run ends.
  Outcome run(std::shared_ptr<RunSlots::Slot> slot);
  /// Ends a run under way at its next block (the server is stopping). Any thread, at once.
  void cancel();

  ClassPhase phase() const;

  /// The state as GET /api/class/state answers it: the teacher sees the predictions at
  /// all times, a student only once they are closed; `student` (may be empty) picks "mine".
  nlohmann::json state(bool teacher, const std::string& student) const;

 private:
  void run_question(ClassQuestion question, std::shared_ptr<RunSlots::Slot> slot);
  /// The baseline's counts, computed or from the cache (by `key`, its query: preset and
  /// dyads, of which a run is a pure function); nullopt when cancelled.
  std::optional<ClassTally> baseline_counts(const Scenario& baseline, const std::string& key,
                                            std::uint64_t done_before);
  void changed() { ++version_; }  // under mutex_

  const std::size_t max_students_, students_per_address_;
  const int threads_;
  std::atomic<std::uint64_t>& dyads_simulated_;

  mutable std::mutex mutex_;
  std::uint64_t version_ = 0;
  ClassPhase phase_ = ClassPhase::waiting;
  std::optional<ClassQuestion> question_;
  std::uint64_t question_id_ = 0;  ///< grows with every question asked
  std::map<std::string, ClassPrediction> predictions_;  ///< by student token
  /// New students each client address has added to this question (at most max_students_ entries).
  std::map<std::string, std::size_t> students_by_address_;
  std::uint64_t progress_done_ = 0, progress_total_ = 0;
  nlohmann::json result_;  ///< null until a run has ended
  std::string error_;      ///< why the last run failed (a defect), or empty
  /// Baselines already run, by their query (preset and dyads).
  std::map<std::string, ClassTally> baselines_;

  std::atomic<bool> cancel_{false};
  std::thread runner_;  ///< the question's run; joined before the next one and at destruction
};

}  // namespace attune::serve

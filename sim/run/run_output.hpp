#pragma once
/// The output folder of one run: dyads.csv streamed as records arrive, then
/// development.csv, summary.json, the resolved scenario and provenance. Every file
/// is written atomically.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run/security_statistics.hpp"
#include "models/dyad_record.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/run/column_summary.hpp"
#include "analysis/run/family_output.hpp"
#include "sim/scenario/scenario.hpp"
#include "analysis/run/still_face_summary.hpp"

namespace attune {

/// What the output records about how the run was made.
struct Provenance {
  std::string command_line;
  int threads = 0;
  std::uint64_t seed = 0;
  std::uint64_t dyads = 0;
};

class RunOutput {
 public:
  RunOutput(const std::string& directory, const Scenario& scenario, const Provenance& provenance);
  ~RunOutput();
  void consume(const DyadRecord& record);
  /// Writes the remaining files and renames everything into place; returns the summary.
  nlohmann::json finish(double wall_seconds);

 private:
  struct Development;
  std::string directory_;
  const Scenario& scenario_;
  Provenance provenance_;
  std::vector<std::size_t> drawn_parameters_;
  AtomicFile dyads_csv_;
  std::vector<ColumnSummary> summaries_;
  std::vector<ColumnSummary> intervention_summaries_;  ///< only in an arm of a comparison
  std::vector<std::vector<std::uint64_t>> category_counts_;  // [column][category]
  /// IWM means by class: [category of the first categorical column][numeric column]
  std::vector<std::vector<analysis::RunningMoments>> by_category_;
  /// Security against the drawn parameters and the IWM at the Strange Situation.
  analysis::SecurityStatistics security_;
  std::vector<std::size_t> security_outcome_columns_;
  std::unique_ptr<Development> development_;
  StillFaceSummary still_face_;  ///< fed only when the scenario schedules the paradigm
  std::unique_ptr<FamilyOutput> family_;  ///< null without a family section
  std::uint64_t dyad_seconds_ = 0;
};

}  // namespace attune

#pragma once
/// What a run's summary says about attachment, beside the engine's generic outputs
/// (sim/run/run_output.hpp writes every column, counts every category and summarizes
/// every metric without knowing what they mean). Here: security against the drawn
/// parameters, the working model by class, the published figures, the still-face
/// paradigm and the family's caregivers. Fed the records in dyad order, so every result
/// is deterministic.
#include <array>
#include <memory>
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run/family_output.hpp"
#include "analysis/run/security_statistics.hpp"
#include "analysis/run/sensitivity_observation_summary.hpp"
#include "analysis/run/traits_classifier.hpp"
#include "analysis/run/still_face_summary.hpp"
#include "analysis/statistics/moments.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "models/dyad_record.hpp"
#include "models/record_columns.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// Record columns that dyads.csv carries only for some scenarios, in output order after
/// the categorical columns: the still-face measures when the paradigm is scheduled, the
/// observed sensitivity ratings when observations are, the treatment columns in an arm
/// of a comparison.
struct OptionalColumnGroup {
  const std::vector<RecordColumn>* columns;
  const char* summary_key;  ///< summary.json block of their column summaries; null: not summarized
};
std::vector<OptionalColumnGroup> optional_column_groups(const Scenario& scenario);

class RunAnalysis {
 public:
  /// `scenario` must outlive this object.
  explicit RunAnalysis(const Scenario& scenario);
  ~RunAnalysis();
  /// The columns it adds to dyads.csv (the further caregivers' classes), after all others.
  void write_header(std::ostream& out) const;
  /// One dyad: its added columns are written to `row`, its outcomes tallied.
  void consume(const DyadRecord& record, std::ostream& row);
  /// Adds its blocks to `summary`, which already holds the generic ones (metrics and
  /// category shares, read here for the comparison with the published figures).
  void add_to(nlohmann::json& summary) const;

 private:
  const Scenario& scenario_;
  const CategoryColumn* classification_;    ///< the primary class at the last Strange Situation
  std::vector<const RecordColumn*> outcome_columns_;  ///< columns compared by security
  std::vector<double> drawn_, outcomes_;    ///< one dyad's values, reused
  analysis::SecurityStatistics security_;
  analysis::TraitsClassifier traits_classifier_;  ///< how much the drawn traits alone decide the class
  /// Means of the working model at the Strange Situation, by class: [class][ssp_iwm column].
  std::array<std::vector<analysis::RunningMoments>, kAttachmentClassCount> iwm_by_class_;
  StillFaceSummary still_face_;  ///< fed only when the scenario schedules the paradigm
  std::unique_ptr<SensitivityObservationSummary> observed_;  ///< null unless observations are scheduled
  std::unique_ptr<FamilyOutput> family_;  ///< null without a family section
};

}  // namespace attune

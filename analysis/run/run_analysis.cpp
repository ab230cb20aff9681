#include "analysis/run/run_analysis.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "analysis/run/literature_comparison.hpp"
#include "models/parameter_table.hpp"

namespace attune {

namespace {

/// Observed variables compared between secure and insecure dyads: the working model at the
/// assessment, and the observed share of matched states (Tronick's coordination), the
/// interaction-level counterpart of observed sensitivity, whose correlation with security
/// is the meta-analytic r = .24 (De Wolff & van IJzendoorn 1997).
constexpr const char* kSecurityOutcomes[] = {"ssp_iwm_availability", "ssp_iwm_efficacy", "matched_share"};
/// With observations of caregiver sensitivity, their mean rating: the measure itself.
constexpr const char* kObservedSensitivity = "observed_sensitivity";

/// The working model at the Strange Situation: the record columns named ssp_iwm_*.
bool is_ssp_iwm_column(const RecordColumn& column) { return std::string(column.name).rfind("ssp_iwm_", 0) == 0; }

const RecordColumn& column_named(const std::vector<RecordColumn>& columns, const std::string& name) {
  for (const auto& column : columns)
    if (name == column.name) return column;
  throw std::logic_error("no record column " + name);
}

/// The columns compared by security, and their names.
std::vector<const RecordColumn*> security_outcome_columns(const Scenario& scenario) {
  std::vector<const RecordColumn*> columns;
  for (const char* name : kSecurityOutcomes) columns.push_back(&column_named(record_columns(), name));
  if (scenario.sensitivity_observation.scheduled())
    columns.push_back(&column_named(sensitivity_observation_columns(scenario.sensitivity_observation.ages_months),
                                    kObservedSensitivity));
  return columns;
}

std::vector<std::string> names_of(const std::vector<const RecordColumn*>& columns) {
  std::vector<std::string> names;
  for (const auto* column : columns) names.emplace_back(column->name);
  return names;
}

const CategoryColumn& category_column(const std::string& name) {
  for (const auto& column : category_columns())
    if (name == column.name) return column;
  throw std::logic_error("no category column " + name);
}

std::vector<std::string> drawn_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& draw : scenario.population) names.push_back(parameter_table()[draw.parameter].qualified());
  return names;
}

/// A category block of summary.json back as counts in `labels` order, then the dyads not
/// assessed; and the number assessed.
std::vector<std::uint64_t> counts_of(const nlohmann::json& shares, const char* labels, std::uint64_t dyads,
                                     std::uint64_t& assessed) {
  assessed = shares.at("n_assessed").get<std::uint64_t>();
  std::vector<std::uint64_t> counts;
  for (const char* label = labels; *label; ++label) counts.push_back(shares.at(std::string(1, *label)).at("count"));
  counts.push_back(dyads - assessed);
  return counts;
}

}  // namespace

std::vector<OptionalColumnGroup> optional_column_groups(const Scenario& scenario) {
  std::vector<OptionalColumnGroup> groups;
  if (scenario.still_face.scheduled) groups.push_back({&still_face_columns(), nullptr});
  // Their summaries join the metrics: a sweep's cells.csv then has observed_sensitivity_mean.
  if (scenario.sensitivity_observation.scheduled())
    groups.push_back({&sensitivity_observation_columns(scenario.sensitivity_observation.ages_months), "metrics"});
  if (!scenario.arms.empty()) groups.push_back({&intervention_columns(), "treatment"});
  return groups;
}

RunAnalysis::RunAnalysis(const Scenario& scenario)
    : scenario_(scenario),
      classification_(&category_column("classification")),
      outcome_columns_(security_outcome_columns(scenario)),
      security_(drawn_names(scenario), names_of(outcome_columns_)),
      traits_classifier_(drawn_names(scenario), kAttachmentClassCount) {
  if (scenario.sensitivity_observation.scheduled())
    observed_ = std::make_unique<SensitivityObservationSummary>(scenario.sensitivity_observation);
  for (auto& by_column : iwm_by_class_) by_column.resize(record_columns().size());
  if (scenario.family.present()) family_ = std::make_unique<FamilyOutput>(scenario.family);
}

RunAnalysis::~RunAnalysis() = default;

void RunAnalysis::write_header(std::ostream& out) const {
  if (family_) family_->write_header(out);
}

void RunAnalysis::consume(const DyadRecord& record, std::ostream& row) {
  const auto& columns = record_columns();
  if (const char label = classification_->value(record); label != '\0') {
    drawn_.clear();
    outcomes_.clear();
    for (const auto& draw : scenario_.population)
      drawn_.push_back(parameter_value(record.parameters, parameter_table()[draw.parameter]));
    for (const auto* column : outcome_columns_) outcomes_.push_back(column->value(record));
    security_.add(label == static_cast<char>(kSecureClass), drawn_, outcomes_);
    const auto k = std::string_view(kAttachmentClassLabels).find(label);
    traits_classifier_.add(static_cast<int>(k), drawn_);
    for (std::size_t n = 0; n < columns.size(); ++n) {
      if (!is_ssp_iwm_column(columns[n])) continue;
      const double value = columns[n].value(record);
      if (!std::isnan(value)) iwm_by_class_[k][n].add(value);
    }
  }
  if (scenario_.still_face.scheduled && record.still_face_assessed) still_face_.add(record.still_face);
  if (observed_) {
    const char label = classification_->value(record);
    observed_->add(record.sensitivity_observation, label == '\0' ? -1 : label == static_cast<char>(kSecureClass));
  }
  if (family_) family_->write_row(row, record);
}

void RunAnalysis::add_to(nlohmann::json& summary) const {
  const auto dyads = summary.at("n_dyads").get<std::uint64_t>();
  std::uint64_t assessed = 0;
  const auto classes = counts_of(summary.at("classification"), classification_->categories, dyads, assessed);
  summary["literature"] = literature_comparison(classes, assessed);
  const auto forced = counts_of(summary.at("secondary_classification"),
                                category_column("secondary_classification").categories, dyads, assessed);
  summary["literature_cross_checks"] = literature_cross_checks(forced, assessed, summary.at("metrics"));

  nlohmann::json iwm_by_class;
  const auto& columns = record_columns();
  for (int k = 0; k < kAttachmentClassCount; ++k) {
    nlohmann::json row;
    for (std::size_t n = 0; n < columns.size(); ++n)
      if (is_ssp_iwm_column(columns[n]) && iwm_by_class_[k][n].count() > 0) row[columns[n].name] = iwm_by_class_[k][n].mean();
    iwm_by_class[std::string(1, kAttachmentClassLabels[k])] = row;
  }
  summary["iwm_by_classification"] = iwm_by_class;
  if (scenario_.still_face.scheduled) summary["still_face"] = still_face_.to_json(scenario_.still_face);
  if (observed_) summary["sensitivity_observation"] = observed_->to_json();
  summary["statistics"] = security_.to_json();
  summary["traits_classifier"] = traits_classifier_.to_json();
  if (family_) summary["family"] = family_->summary();
}

}  // namespace attune

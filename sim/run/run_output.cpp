#include "sim/run/run_output.hpp"

#include <cmath>
#include <filesystem>
#include <string>
#include <sstream>
#include <stdexcept>

#include "models/parameter_table.hpp"
#include "analysis/statistics/proportion.hpp"
#include "analysis/run/literature_comparison.hpp"
#include "models/record_columns.hpp"
#include "sim/io/csv_format.hpp"
#include "sim/run/version.hpp"

namespace attune {

/// Per-month, per-column summaries for development.csv, fed as records arrive.
struct RunOutput::Development {
  std::vector<std::vector<ColumnSummary>> months;  // [month][column]
  std::vector<std::uint64_t> dyads;                // dyads that reached each month
};

namespace {

constexpr const char* kQuantileNames[] = {"p05", "p25", "p50", "p75", "p95"};

/// Compared between secure and insecure dyads beside the drawn parameters: the working
/// model the infant brought to the Strange Situation.
constexpr const char* kSecurityOutcomes[] = {"ssp_iwm_availability", "ssp_iwm_efficacy"};

std::vector<std::string> drawn_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& draw : scenario.population) names.push_back(parameter_table()[draw.parameter].qualified());
  return names;
}

std::size_t record_column_index(const std::string& name) {
  const auto& columns = record_columns();
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (name == columns[c].name) return c;
  throw std::logic_error("no record column " + name);
}

}  // namespace

RunOutput::RunOutput(const std::string& directory, const Scenario& scenario, const Provenance& provenance)
    : directory_(directory),
      scenario_(scenario),
      provenance_(provenance),
      dyads_csv_((std::filesystem::create_directories(directory), directory + "/dyads.csv")),
      security_(drawn_names(scenario), {std::begin(kSecurityOutcomes), std::end(kSecurityOutcomes)}),
      development_(std::make_unique<Development>()) {
  for (const auto& draw : scenario.population) drawn_parameters_.push_back(draw.parameter);
  for (const char* name : kSecurityOutcomes) security_outcome_columns_.push_back(record_column_index(name));
  auto& out = dyads_csv_.stream();
  out << "dyad_id";
  for (auto index : drawn_parameters_) out << ',' << parameter_table()[index].qualified();
  for (const auto& column : record_columns()) {
    out << ',' << column.name;
    summaries_.emplace_back(column.lo, column.hi);
  }
  for (const auto& column : category_columns()) {
    out << ',' << column.name;
    category_counts_.emplace_back(std::char_traits<char>::length(column.categories) + 1, 0);
  }
  if (scenario.still_face.scheduled)
    for (const auto& column : still_face_columns()) out << ',' << column.name;
  if (!scenario.arms.empty())
    for (const auto& column : intervention_columns()) {
      out << ',' << column.name;
      intervention_summaries_.emplace_back(column.lo, column.hi);
    }
  if (!category_columns().empty())
    by_category_.assign(std::char_traits<char>::length(category_columns()[0].categories),
                        std::vector<analysis::RunningMoments>(record_columns().size()));
  if (scenario.family.present()) {
    family_ = std::make_unique<FamilyOutput>(scenario.family);
    family_->write_header(out);
  }
  out << '\n';
}

RunOutput::~RunOutput() = default;

void RunOutput::consume(const DyadRecord& record) {
  auto& out = dyads_csv_.stream();
  out << record.dyad_id;
  for (auto index : drawn_parameters_) {
    out << ',';
    write_csv_number(out, parameter_value(record.parameters, parameter_table()[index]));
  }
  const auto& columns = record_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double value = columns[c].value(record);
    out << ',';
    write_csv_number(out, value);
    summaries_[c].add(value);
  }
  const auto& categorical = category_columns();
  for (std::size_t c = 0; c < categorical.size(); ++c) {
    const char value = categorical[c].value(record);
    out << ',';
    if (value == '\0') {
      out << "NA";
      ++category_counts_[c].back();  // not observed
      continue;
    }
    out << value;
    const char* found = std::char_traits<char>::find(categorical[c].categories,
                                                     category_counts_[c].size() - 1, value);
    const std::size_t k = static_cast<std::size_t>(found - categorical[c].categories);
    ++category_counts_[c][k];
    if (c == 0) {
      std::vector<double> drawn, outcomes;
      for (auto index : drawn_parameters_) drawn.push_back(parameter_value(record.parameters, parameter_table()[index]));
      for (auto column : security_outcome_columns_) outcomes.push_back(columns[column].value(record));
      // Secure is B of the primary classification (Ainsworth et al. 1978).
      security_.add(value == 'B', drawn, outcomes);
      for (std::size_t n = 0; n < columns.size(); ++n) {
        const double v = columns[n].value(record);
        if (!std::isnan(v)) by_category_[k][n].add(v);
      }
    }
  }
  if (scenario_.still_face.scheduled) {
    for (const auto& column : still_face_columns()) {
      out << ',';
      write_csv_number(out, column.value(record));
    }
    if (record.still_face_assessed) still_face_.add(record.still_face);
  }
  for (std::size_t c = 0; c < intervention_summaries_.size(); ++c) {
    const double value = intervention_columns()[c].value(record);
    out << ',';
    write_csv_number(out, value);
    intervention_summaries_[c].add(value);
  }
  if (family_) family_->write_row(out, record);
  out << '\n';
  dyads_csv_.check();
  dyad_seconds_ += record.interaction.seconds;

  auto& development = *development_;
  const auto& month_cols = month_columns();
  while (development.months.size() < static_cast<std::size_t>(record.months)) {
    std::vector<ColumnSummary> row;
    for (const auto& column : month_cols) row.emplace_back(column.lo, column.hi, 1000);
    development.months.push_back(std::move(row));
    development.dyads.push_back(0);
  }
  for (int m = 0; m < record.months; ++m) {
    ++development.dyads[m];
    for (std::size_t c = 0; c < month_cols.size(); ++c)
      development.months[m][c].add(month_cols[c].value(record.development[m]));
  }
}

nlohmann::json RunOutput::finish(double wall_seconds) {
  dyads_csv_.commit();

  {
    AtomicFile file(directory_ + "/development.csv");
    auto& out = file.stream();
    out << "month,n_dyads";
    for (const auto& column : month_columns()) {
      out << ',' << column.name << "_mean";
      for (const char* q : kQuantileNames) out << ',' << column.name << '_' << q;
    }
    out << '\n';
    for (std::size_t m = 0; m < development_->months.size(); ++m) {
      out << m + 1 << ',' << development_->dyads[m];
      for (const auto& summary : development_->months[m]) {
        out << ',';
        write_csv_number(out, summary.mean());
        const auto quantiles = summary.quantiles();
        for (const char* q : kQuantileNames) {
          out << ',';
          write_csv_number(out, quantiles[q].get<double>());
        }
      }
      out << '\n';
    }
    file.commit();
  }

  write_file_atomically(directory_ + "/scenario.resolved.yaml", resolved_scenario_yaml(scenario_));

  nlohmann::json summary;
  summary["n_dyads"] = provenance_.dyads;
  summary["seed"] = provenance_.seed;
  summary["attune_version"] = kVersion;
  summary["git_revision"] = kGitRevision;
  summary["scenario"] = scenario_.name;
  summary["scenario_file"] = scenario_.file;
  summary["scenario_sha256"] = scenario_.sha256;
  summary["command_line"] = provenance_.command_line;
  summary["threads"] = provenance_.threads;
  summary["span_days"] = scenario_.span_days;
  summary["bouts_per_day"] = scenario_.bouts_per_day;
  summary["bout_seconds"] = scenario_.bout_seconds;
  summary["wall_seconds"] = wall_seconds;
  summary["dyads_per_second"] = wall_seconds > 0 ? provenance_.dyads / wall_seconds : 0.0;
  summary["dyad_seconds_per_second"] = wall_seconds > 0 ? dyad_seconds_ / wall_seconds : 0.0;
  nlohmann::json metrics;
  const auto& columns = record_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) metrics[columns[c].name] = summaries_[c].to_json();
  summary["metrics"] = metrics;
  const auto& categorical = category_columns();
  for (std::size_t c = 0; c < categorical.size(); ++c) {
    const auto& counts = category_counts_[c];
    std::uint64_t observed = 0;
    for (std::size_t k = 0; k + 1 < counts.size(); ++k) observed += counts[k];
    nlohmann::json shares;
    for (std::size_t k = 0; k + 1 < counts.size(); ++k) {
      const auto estimate = analysis::wilson(counts[k], observed);
      shares[std::string(1, categorical[c].categories[k])] = {
          {"count", counts[k]}, {"proportion", estimate.proportion},
          {"ci95", {estimate.ci95.lo, estimate.ci95.hi}}};
    }
    shares["n_assessed"] = observed;
    if (std::string(categorical[c].name) == "classification") summary["literature"] = literature_comparison(counts, observed);
    if (std::string(categorical[c].name) == "secondary_classification")
      summary["literature_cross_checks"] = literature_cross_checks(counts, observed, metrics);
    summary[categorical[c].name] = shares;
  }
  if (!categorical.empty()) {
    nlohmann::json table;
    for (std::size_t k = 0; k < by_category_.size(); ++k) {
      nlohmann::json row;
      for (std::size_t n = 0; n < columns.size(); ++n) {
        if (std::string(columns[n].name).rfind("ssp_iwm_", 0) != 0 || by_category_[k][n].count() == 0) continue;
        row[columns[n].name] = by_category_[k][n].mean();
      }
      table[std::string(1, categorical[0].categories[k])] = row;
    }
    summary[std::string("iwm_by_") + categorical[0].name] = table;
  }
  for (std::size_t c = 0; c < intervention_summaries_.size(); ++c)
    summary["treatment"][intervention_columns()[c].name] = intervention_summaries_[c].to_json();
  if (scenario_.still_face.scheduled) summary["still_face"] = still_face_.to_json(scenario_.still_face);
  summary["statistics"] = security_.to_json();
  if (family_) summary["family"] = family_->summary();
  write_file_atomically(directory_ + "/summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace attune

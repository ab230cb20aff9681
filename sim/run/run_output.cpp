#include "sim/run/run_output.hpp"

#include <filesystem>
#include <string>

#include "analysis/statistics/proportion.hpp"
#include "models/parameter_table.hpp"
#include "models/record_columns.hpp"
#include "sim/io/csv_format.hpp"
#include "sim/run/version.hpp"

namespace attune {

namespace {

/// development.csv's quantile columns.
struct NamedQuantile {
  const char* name;
  double q;
};
constexpr NamedQuantile kQuantiles[] = {{"p05", 0.05}, {"p25", 0.25}, {"p50", 0.50}, {"p75", 0.75}, {"p95", 0.95}};
/// Quantiles to within a thousandth of each column's range.
constexpr std::size_t kDevelopmentBins = 1000;

/// Each category's count, proportion and Wilson interval among the dyads observed;
/// `counts` ends with the dyads not observed.
nlohmann::json category_shares(const CategoryColumn& column, const std::vector<std::uint64_t>& counts) {
  std::uint64_t observed = 0;
  for (std::size_t k = 0; k + 1 < counts.size(); ++k) observed += counts[k];
  nlohmann::json shares;
  for (std::size_t k = 0; k + 1 < counts.size(); ++k) {
    const auto estimate = analysis::wilson(counts[k], observed);
    shares[std::string(1, column.categories[k])] = {
        {"count", counts[k]}, {"proportion", estimate.proportion}, {"ci95", {estimate.ci95.lo, estimate.ci95.hi}}};
  }
  shares["n_assessed"] = observed;
  return shares;
}

}  // namespace

RunOutput::RunOutput(const std::string& directory, const Scenario& scenario, const Provenance& provenance,
                     Compression compression)
    : directory_(directory),
      scenario_(scenario),
      provenance_(provenance),
      dyads_csv_((std::filesystem::create_directories(directory), directory + "/" + compressed_name("dyads.csv", compression)),
                 compression),
      analysis_(scenario),
      development_(all_month_columns(), kDevelopmentBins) {
  for (const auto& draw : scenario.population) drawn_parameters_.push_back(draw.parameter);
  for (const auto& column : record_columns()) summaries_.emplace_back(column.lo, column.hi);
  for (const auto& column : category_columns())
    category_counts_.emplace_back(std::char_traits<char>::length(column.categories) + 1, 0);
  for (const auto& group : optional_column_groups(scenario)) {
    optional_.push_back({group, {}});
    if (group.summary_key)
      for (const auto& column : *group.columns) optional_.back().summaries.emplace_back(column.lo, column.hi);
  }
  write_header();
}

RunOutput::~RunOutput() = default;

void RunOutput::write_header() {
  auto& out = dyads_csv_.stream();
  out << "dyad_id";
  for (auto index : drawn_parameters_) out << ',' << parameter_table()[index].qualified();
  for (const auto& column : record_columns()) out << ',' << column.name;
  for (const auto& column : category_columns()) out << ',' << column.name;
  for (const auto& optional : optional_)
    for (const auto& column : *optional.group.columns) out << ',' << column.name;
  analysis_.write_header(out);
  out << '\n';
}

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
  write_categories(record);
  for (auto& optional : optional_) {
    const auto& group_columns = *optional.group.columns;
    for (std::size_t c = 0; c < group_columns.size(); ++c) {
      const double value = group_columns[c].value(record);
      out << ',';
      write_csv_number(out, value);
      if (!optional.summaries.empty()) optional.summaries[c].add(value);
    }
  }
  analysis_.consume(record, out);
  out << '\n';
  dyads_csv_.check();
  dyad_seconds_ += record.interaction.seconds;
  development_.add(record);
}

/// The categorical columns of one dyad, tallied by category ("NA" when not observed).
void RunOutput::write_categories(const DyadRecord& record) {
  auto& out = dyads_csv_.stream();
  const auto& categorical = category_columns();
  for (std::size_t c = 0; c < categorical.size(); ++c) {
    const char value = categorical[c].value(record);
    out << ',';
    if (value == '\0') {
      out << "NA";
      ++category_counts_[c].back();
      continue;
    }
    out << value;
    const char* found = std::char_traits<char>::find(categorical[c].categories, category_counts_[c].size() - 1, value);
    ++category_counts_[c][static_cast<std::size_t>(found - categorical[c].categories)];
  }
}

void RunOutput::write_development() const {
  AtomicFile file(directory_ + "/development.csv");
  auto& out = file.stream();
  out << "month,n_dyads";
  for (const auto& column : month_columns()) {
    out << ',' << column.name << "_mean";
    for (const auto& quantile : kQuantiles) out << ',' << column.name << '_' << quantile.name;
  }
  out << '\n';
  for (std::size_t m = 0; m < development_.months(); ++m) {
    out << m + 1 << ',' << development_.dyads(m);
    for (std::size_t c = 0; c < month_columns().size(); ++c) {
      out << ',';
      write_csv_number(out, development_.mean(m, c));
      for (const auto& quantile : kQuantiles) {
        out << ',';
        write_csv_number(out, development_.quantile(m, c, quantile.q));
      }
    }
    out << '\n';
  }
  file.commit();
}

/// What was run, from which inputs, by which build, and how fast.
nlohmann::json RunOutput::provenance_json(double wall_seconds) const {
  nlohmann::json summary;
  summary["n_dyads"] = provenance_.dyads;
  summary["seed"] = provenance_.seed;
  summary["attune_version"] = kVersion;
  summary["git_revision"] = kGitRevision;
  summary["scenario"] = scenario_.name;
  summary["scenario_file"] = scenario_.file;
  summary["scenario_sha256"] = scenario_.sha256;
  summary["command_line"] = provenance_.command_line;
  summary["overrides"] = scenario_.overrides;
  // The traced day is in no column of a long trace, so the summary records it.
  if (!provenance_.trace.is_null()) summary["trace"] = provenance_.trace;
  summary["threads"] = provenance_.threads;
  summary["span_days"] = scenario_.span_days;
  summary["bouts_per_day"] = scenario_.bouts_per_day;
  summary["bout_seconds"] = scenario_.bout_seconds;
  summary["wall_seconds"] = wall_seconds;
  summary["dyads_per_second"] = wall_seconds > 0 ? provenance_.dyads / wall_seconds : 0.0;
  summary["dyad_seconds_per_second"] = wall_seconds > 0 ? dyad_seconds_ / wall_seconds : 0.0;
  return summary;
}

/// Every metric's summary, every category's shares and the optional groups' summaries.
void RunOutput::add_column_summaries(nlohmann::json& summary) const {
  const auto& columns = record_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) summary["metrics"][columns[c].name] = summaries_[c].to_json();
  const auto& categorical = category_columns();
  for (std::size_t c = 0; c < categorical.size(); ++c)
    summary[categorical[c].name] = category_shares(categorical[c], category_counts_[c]);
  for (const auto& optional : optional_)
    for (std::size_t c = 0; c < optional.summaries.size(); ++c)
      summary[optional.group.summary_key][(*optional.group.columns)[c].name] = optional.summaries[c].to_json();
}

nlohmann::json RunOutput::finish(double wall_seconds) {
  dyads_csv_.commit();
  write_development();
  write_file_atomically(directory_ + "/scenario.resolved.yaml", resolved_scenario_yaml(scenario_));
  auto summary = provenance_json(wall_seconds);
  add_column_summaries(summary);
  analysis_.add_to(summary);
  write_file_atomically(directory_ + "/summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace attune

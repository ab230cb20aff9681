#include "analysis/run/teaching_page.hpp"

#include <stdexcept>
#include <string_view>

#include "analysis/run/published_figures.hpp"
#include "analysis/statistics/proportion.hpp"
#include "models/record_columns.hpp"

namespace attune {

namespace {

/// The development.csv columns the page shows, under the page's names.
struct ShownMonthColumn {
  const char* key;     ///< the counts event's name
  const char* column;  ///< development.csv's (models/record_columns.hpp)
};
constexpr std::array<ShownMonthColumn, 4> kShownMonthColumns = {{{"availability", "iwm_availability"},
                                                                  {"deactivation", "iwm_deactivation"},
                                                                  {"hyperactivation", "iwm_hyperactivation"},
                                                                  {"fear", "iwm_fear"}}};

/// The month columns of kShownMonthColumns, in its order.
const std::vector<const MonthColumn*>& shown_month_columns() {
  static const std::vector<const MonthColumn*> columns = [] {
    std::vector<const MonthColumn*> found;
    for (const auto& shown : kShownMonthColumns)
      for (const auto& column : month_columns())
        if (std::string_view(column.name) == shown.column) found.push_back(&column);
    if (found.size() != kShownMonthColumns.size())
      throw std::logic_error("a development column the teaching page shows is not in models/record_columns.cpp");
    return found;
  }();
  return columns;
}

}  // namespace

char last_class_label(const DyadRecord& record) {
  if (record.strange_situations == 0) return '\0';
  return static_cast<char>(record.strange_situation[record.strange_situations - 1].coding.classification);
}

PopulationView::PopulationView(std::vector<std::string> arms) : arm_names_(std::move(arms)), arms_(arm_names_.size()) {}

void PopulationView::add(const DyadRecord& record, std::size_t arm) {
  all_.add(record);
  if (!arms_.empty()) arms_.at(arm).add(record);
}

std::string PopulationView::json(std::uint64_t done, std::uint64_t total) const {
  nlohmann::json counts{{"done", done}, {"total", total}};
  all_.write(counts);
  counts["arms"] = nlohmann::json::array();
  for (std::size_t i = 0; i < arms_.size(); ++i) {
    nlohmann::json arm{{"name", arm_names_[i]}, {"done", arms_[i].done}};
    arms_[i].write(arm);
    counts["arms"].push_back(std::move(arm));
  }
  return counts.dump();
}

PopulationView::Tally::Tally() : development(shown_month_columns()) {}

void PopulationView::Tally::add(const DyadRecord& record) {
  ++done;
  if (const char label = last_class_label(record))
    ++by_class[static_cast<std::size_t>(label - 'A')];
  else
    ++unclassified;
  development.add(record);
}

void PopulationView::Tally::write(nlohmann::json& out) const {
  for (int k = 0; k < kAttachmentClassCount; ++k) out[std::string(1, kAttachmentClassLabels[k])] = by_class[k];
  out["unclassified"] = unclassified;
  nlohmann::json months = nlohmann::json::array();
  for (std::size_t m = 0; m < development.months(); ++m) {
    nlohmann::json month{{"month", m + 1}, {"n", development.dyads(m)}};  // numbered as development.csv's rows
    for (std::size_t c = 0; c < kShownMonthColumns.size(); ++c)
      month[kShownMonthColumns[c].key] = development.mean(m, c);
    months.push_back(std::move(month));
  }
  out["development"] = std::move(months);
}

nlohmann::json class_comparison(const ClassCounts& baseline, const ClassCounts& current) {
  const auto total = [](const ClassCounts& counts) {
    std::uint64_t n = 0;
    for (const auto count : counts) n += count;
    return n;
  };
  const std::uint64_t n_baseline = total(baseline), n_current = total(current);
  nlohmann::json comparison{{"n_baseline", n_baseline}, {"n_current", n_current}};
  for (int k = 0; k < kAttachmentClassCount; ++k) {
    const auto difference = analysis::difference_of_proportions(current[k], n_current, baseline[k], n_baseline);
    comparison[std::string(1, kAttachmentClassLabels[k])] = {
        {"baseline", static_cast<double>(baseline[k]) / static_cast<double>(n_baseline)},
        {"current", static_cast<double>(current[k]) / static_cast<double>(n_current)},
        {"difference", difference.difference},
        {"ci95", {difference.ci95.lo, difference.ci95.hi}}};
  }
  return comparison;
}

nlohmann::json dyad_outcome(const DyadRecord& record) {
  const char label = last_class_label(record);
  return {{"classification", label ? std::string(1, label) : std::string("none")}};
}

nlohmann::json page_reference_figures() {
  nlohmann::json published = nlohmann::json::object();
  for (const auto& share : analysis::kNormativeClassShares)
    published[std::string(1, share.classification)] = {{"share", share.target}, {"source", share.source}};
  return published;
}

}  // namespace attune

#include "analysis/comparison/summary_row.hpp"

#include <limits>

#include "sim/io/csv_format.hpp"

namespace attune {

namespace {

double number_or_nan(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

SummaryRow summary_row(const nlohmann::json& summary) {
  SummaryRow row;
  const auto add = [&row](std::string name, double value) {
    row.names.push_back(std::move(name));
    row.values.push_back(value);
  };
  add("n_dyads", number_or_nan(summary.at("n_dyads")));
  const auto& classes = summary.at("classification");
  add("n_assessed", number_or_nan(classes.at("n_assessed")));
  for (const char* label : {"A", "B", "C", "D"}) {
    const auto& share = classes.at(label);
    const std::string name = std::string("share_").append(label);
    add(name, number_or_nan(share.at("proportion")));
    add(name + "_ci_lo", number_or_nan(share.at("ci95")[0]));
    add(name + "_ci_hi", number_or_nan(share.at("ci95")[1]));
  }
  // The forced A/B/C split (every assessed infant's organized class, D set aside), which
  // samples coded before the D category report (Ainsworth et al. 1978).
  const auto& forced = summary.at("secondary_classification");
  for (const char* label : {"A", "B", "C"})
    add(std::string("forced_share_").append(label), number_or_nan(forced.at(label).at("proportion")));
  for (const auto& [metric, moments] : summary.at("metrics").items())
    // A metric no dyad had (the Strange Situation's, when none is run) has no mean.
    add(std::string(metric).append("_mean"), number_or_nan(moments.value("mean", nlohmann::json())));
  // The point-biserial correlation of each drawn parameter and observed variable with
  // security, so a calibration can target a published correlation (e.g. sensitivity with
  // security, De Wolff & van IJzendoorn 1997) from cells.csv.
  if (const auto statistics = summary.find("statistics"); statistics != summary.end() && statistics->contains("variables"))
    for (const auto& variable : statistics->at("variables"))
      add("r_secure_" + variable.at("variable").get<std::string>(), number_or_nan(variable.at("point_biserial_r")));
  return row;
}

void write_row_names(std::ostream& out, const SummaryRow& row) {
  for (const auto& name : row.names) out << ',' << name;
}

void write_row_values(std::ostream& out, const SummaryRow& row) {
  for (double value : row.values) {
    out << ',';
    write_csv_number(out, value);
  }
}

}  // namespace attune

#pragma once
/// One tidy row made from a run's summary.json, so that arms (arms.csv) and sweep cells
/// (cells.csv) are compared in the same columns without scripting.
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune {

struct SummaryRow {
  std::vector<std::string> names;
  std::vector<double> values;  ///< NaN where the summary has no value (written "NA")
};

/// n_dyads, n_assessed, then share_X, share_X_ci_lo, share_X_ci_hi for X in A..D, then
/// <metric>_mean for every metric of the summary, in the summary's (sorted) order, then
/// r_secure_<variable>: the point-biserial correlation with security of every variable of
/// the summary's "statistics" section (drawn parameters, then observed variables), in its order.
SummaryRow summary_row(const nlohmann::json& summary);

/// Writes the names (header) or the values of a row, each preceded by a comma.
void write_row_names(std::ostream& out, const SummaryRow& row);
void write_row_values(std::ostream& out, const SummaryRow& row);

}  // namespace attune

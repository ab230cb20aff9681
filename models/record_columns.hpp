#pragma once
/// The observables a dyad record offers to outputs and summaries, by name. The engine
/// writes and aggregates them without knowing what they mean.
#include <vector>

#include "models/dyad_record.hpp"

namespace attune {

struct RecordColumn {
  const char* name;
  double (*value)(const DyadRecord&);
  double lo, hi;  ///< range of the summary histogram (quantiles are exact to (hi-lo)/bins)
};

/// Per-dyad outcome columns of dyads.csv, in output order (after dyad_id and the drawn
/// parameters).
const std::vector<RecordColumn>& record_columns();

/// The still-face paradigm's per-dyad columns (sf_<phase>_<measure>, sf_recovery),
/// written after the categorical columns only when the scenario schedules it; NaN
/// for a dyad not assessed.
const std::vector<RecordColumn>& still_face_columns();

/// The observations of caregiver sensitivity for a plan's ages: observed_sensitivity_<months>
/// (each observation's rating on Ainsworth's 1-9 scale) and observed_sensitivity (the mean
/// of a dyad's ratings), written after the still-face columns only when the scenario
/// schedules observations; NaN where none was made. One list per list of ages, kept for
/// the program's life (the names are made from the ages).
const std::vector<RecordColumn>& sensitivity_observation_columns(const std::vector<double>& ages_months);

/// In an arm of a comparison (intention to treat): whether the dyad's intervention
/// ever started (`treated`) and at what age; written after the still-face and the
/// sensitivity observation columns only
/// when the scenario has arms.
const std::vector<RecordColumn>& intervention_columns();

/// Categorical outcome columns (one character per category; '\0' = not observed).
/// The summary reports each category's share with a Wilson interval.
struct CategoryColumn {
  const char* name;
  char (*value)(const DyadRecord&);
  const char* categories;  ///< the categories, in report order
};
const std::vector<CategoryColumn>& category_columns();

/// Per-month columns of development.csv (read from one MonthSnapshot).
struct MonthColumn {
  const char* name;
  double (*value)(const MonthSnapshot&);
  double lo, hi;
};
const std::vector<MonthColumn>& month_columns();

}  // namespace attune

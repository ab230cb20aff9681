#include "models/record_columns.hpp"

#include "models/dyad_life.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <mutex>
#include <string>

namespace attune {
namespace {

InteractionMetrics metrics(const DyadRecord& r) { return interaction_metrics(r.interaction); }

constexpr double kNotAssessed = std::numeric_limits<double>::quiet_NaN();

/// The first Strange Situation's result, if one was run.
const StrangeSituationResult* ssp(const DyadRecord& r) {
  return r.strange_situations > 0 ? &r.strange_situation[0] : nullptr;
}

/// A scale score as coded for classification: the more marked of the two reunions.
template <int ReunionScores::*Scale>
double scale(const DyadRecord& r) {
  const auto* s = ssp(r);
  return s ? std::max(s->coding.reunion1.*Scale, s->coding.reunion2.*Scale) : kNotAssessed;
}

template <double WorkingModel::*Field>
double ssp_iwm(const DyadRecord& r) {
  const auto* s = ssp(r);
  return s ? s->iwm.*Field : kNotAssessed;
}

/// One coded measure of one still-face phase, if the paradigm was run.
template <int Phase, double StillFacePhaseScores::*Measure>
double still_face(const DyadRecord& r) {
  return r.still_face_assessed ? r.still_face.phases[Phase].*Measure : kNotAssessed;
}

}  // namespace

const std::vector<RecordColumn>& record_columns() {
  static const std::vector<RecordColumn> columns = {
      {"matched_share", [](const DyadRecord& r) { return metrics(r).matched_share; }, 0, 1},
      {"ruptures_per_hour", [](const DyadRecord& r) { return metrics(r).ruptures_per_hour; }, 0, 2000},
      {"repaired_share", [](const DyadRecord& r) { return metrics(r).repaired_share; }, 0, 1},
      {"median_repair_latency_s", [](const DyadRecord& r) { return metrics(r).median_repair_latency; }, 0, kLatencyBins},
      {"high_arousal_share", [](const DyadRecord& r) { return metrics(r).high_arousal_share; }, 0, 1},
      {"mean_arousal", [](const DyadRecord& r) { return metrics(r).mean_arousal; }, -1, 4},
      {"mean_caregiver_stress", [](const DyadRecord& r) { return r.mean_caregiver_stress; }, 0, 10},
      {"days_depressed", [](const DyadRecord& r) { return double(r.days_depressed); }, 0, 1100},
      {"days_violence", [](const DyadRecord& r) { return double(r.days_violence); }, 0, 1100},
      {"days_substance", [](const DyadRecord& r) { return double(r.days_substance); }, 0, 1100},
      {"life_events", [](const DyadRecord& r) { return double(r.life_events); }, 0, 1100},
      {"days_ill", [](const DyadRecord& r) { return double(r.days_ill); }, 0, 1100},
      {"iwm_availability", [](const DyadRecord& r) { return r.iwm_final.availability(); }, 0, 1},
      {"iwm_efficacy", [](const DyadRecord& r) { return r.iwm_final.efficacy; }, 0, 1},
      {"iwm_rejection", [](const DyadRecord& r) { return r.iwm_final.rejection; }, 0, 1},
      {"iwm_inconsistency", [](const DyadRecord& r) { return r.iwm_final.inconsistency; }, 0, 1},
      {"iwm_fear", [](const DyadRecord& r) { return r.iwm_final.fear; }, 0, 1},
      {"iwm_helplessness", [](const DyadRecord& r) { return r.iwm_final.helplessness; }, 0, 1},
      {"iwm_deactivation", [](const DyadRecord& r) { return r.iwm_final.deactivation; }, 0, 1},
      {"iwm_hyperactivation", [](const DyadRecord& r) { return r.iwm_final.hyperactivation; }, 0, 1},
      {"ssp_iwm_availability", [](const DyadRecord& r) { return ssp(r) ? ssp(r)->iwm.availability() : kNotAssessed; }, 0, 1},
      {"ssp_iwm_efficacy", ssp_iwm<&WorkingModel::efficacy>, 0, 1},
      {"ssp_iwm_rejection", ssp_iwm<&WorkingModel::rejection>, 0, 1},
      {"ssp_iwm_inconsistency", ssp_iwm<&WorkingModel::inconsistency>, 0, 1},
      {"ssp_iwm_fear", ssp_iwm<&WorkingModel::fear>, 0, 1},
      {"ssp_iwm_helplessness", ssp_iwm<&WorkingModel::helplessness>, 0, 1},
      {"ssp_iwm_deactivation", ssp_iwm<&WorkingModel::deactivation>, 0, 1},
      {"ssp_iwm_hyperactivation", ssp_iwm<&WorkingModel::hyperactivation>, 0, 1},
      {"ssp_proximity_seeking", scale<&ReunionScores::proximity_seeking>, 1, 8},
      {"ssp_contact_maintaining", scale<&ReunionScores::contact_maintaining>, 1, 8},
      {"ssp_resistance", scale<&ReunionScores::resistance>, 1, 8},
      {"ssp_avoidance", scale<&ReunionScores::avoidance>, 1, 8},
      {"ssp_disorganization", [](const DyadRecord& r) { return ssp(r) ? double(ssp(r)->coding.disorganization) : kNotAssessed; }, 1, 10},
      {"ssp_reunion_arousal", [](const DyadRecord& r) { return ssp(r) ? ssp(r)->reunion_arousal : kNotAssessed; }, -1, 5},
      {"ssp_reunion_crying", [](const DyadRecord& r) { return ssp(r) ? double(ssp(r)->reunion_crying) : kNotAssessed; }, 0, 361},
  };
  return columns;
}

const std::vector<RecordColumn>& still_face_columns() {
  static const std::vector<RecordColumn> columns = {
      {"sf_play_negative_affect", still_face<kPlay, &StillFacePhaseScores::negative_affect>, 0, 1},
      {"sf_play_positive_affect", still_face<kPlay, &StillFacePhaseScores::positive_affect>, 0, 1},
      {"sf_play_gaze", still_face<kPlay, &StillFacePhaseScores::gaze>, 0, 1},
      {"sf_still_face_negative_affect", still_face<kStillFace, &StillFacePhaseScores::negative_affect>, 0, 1},
      {"sf_still_face_positive_affect", still_face<kStillFace, &StillFacePhaseScores::positive_affect>, 0, 1},
      {"sf_still_face_gaze", still_face<kStillFace, &StillFacePhaseScores::gaze>, 0, 1},
      {"sf_reunion_negative_affect", still_face<kReunion, &StillFacePhaseScores::negative_affect>, 0, 1},
      {"sf_reunion_positive_affect", still_face<kReunion, &StillFacePhaseScores::positive_affect>, 0, 1},
      {"sf_reunion_gaze", still_face<kReunion, &StillFacePhaseScores::gaze>, 0, 1},
      {"sf_recovery", [](const DyadRecord& r) { return r.still_face_assessed ? r.still_face.recovery : kNotAssessed; }, -1, 1},
  };
  return columns;
}

const std::vector<CategoryColumn>& category_columns() {
  static const std::vector<CategoryColumn> columns = {
      {"classification", [](const DyadRecord& r) { return ssp(r) ? char(ssp(r)->coding.classification) : '\0'; }, "ABCD"},
      {"secondary_classification", [](const DyadRecord& r) { return ssp(r) ? char(ssp(r)->coding.secondary) : '\0'; }, "ABC"},
      // A repeated procedure (e.g. 18 months), for stability of classification.
      {"classification_2", [](const DyadRecord& r) {
         return r.strange_situations > 1 ? char(r.strange_situation[1].coding.classification) : '\0'; }, "ABCD"},
  };
  return columns;
}

const std::vector<MonthColumn>& month_columns() {
  static const std::vector<MonthColumn> columns = {
      {"iwm_availability", [](const MonthSnapshot& m) { return m.iwm.availability(); }, 0, 1},
      {"iwm_efficacy", [](const MonthSnapshot& m) { return m.iwm.efficacy; }, 0, 1},
      {"iwm_rejection", [](const MonthSnapshot& m) { return m.iwm.rejection; }, 0, 1},
      {"iwm_inconsistency", [](const MonthSnapshot& m) { return m.iwm.inconsistency; }, 0, 1},
      {"iwm_fear", [](const MonthSnapshot& m) { return m.iwm.fear; }, 0, 1},
      {"iwm_helplessness", [](const MonthSnapshot& m) { return m.iwm.helplessness; }, 0, 1},
      {"iwm_deactivation", [](const MonthSnapshot& m) { return m.iwm.deactivation; }, 0, 1},
      {"iwm_hyperactivation", [](const MonthSnapshot& m) { return m.iwm.hyperactivation; }, 0, 1},
      {"matched_share", [](const MonthSnapshot& m) { return interaction_metrics(m.interaction).matched_share; }, 0, 1},
      {"ruptures_per_hour", [](const MonthSnapshot& m) { return interaction_metrics(m.interaction).ruptures_per_hour; }, 0, 2000},
      {"repaired_share", [](const MonthSnapshot& m) { return interaction_metrics(m.interaction).repaired_share; }, 0, 1},
      {"high_arousal_share", [](const MonthSnapshot& m) { return interaction_metrics(m.interaction).high_arousal_share; }, 0, 1},
      {"caregiver_stress", [](const MonthSnapshot& m) { return m.caregiver_stress; }, 0, 10},
  };
  return columns;
}

}  // namespace attune

namespace attune {

namespace {

/// One observation's rating, if it was made.
template <int Index>
double observed_rating(const DyadRecord& r) {
  return r.sensitivity_observation.count > Index ? r.sensitivity_observation.rating[Index] : kNotAssessed;
}

using RecordValue = double (*)(const DyadRecord&);
constexpr RecordValue kObservedRatings[kMaxSensitivityObservations] = {observed_rating<0>, observed_rating<1>,
                                                                       observed_rating<2>, observed_rating<3>};
static_assert(kMaxSensitivityObservations == 4, "one observed_rating<i> per observation");

/// "6", "6.5": the shortest text that reads back to the age.
std::string age_text(double months) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, months).ptr;
  return std::string(text, end);
}

}  // namespace

const std::vector<RecordColumn>& sensitivity_observation_columns(const std::vector<double>& ages_months) {
  // Names the columns point at; a map's entries never move, so the pointers stay valid.
  struct Group {
    std::vector<std::string> names;
    std::vector<RecordColumn> columns;
  };
  static std::mutex mutex;
  static std::map<std::vector<double>, Group> groups;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [entry, added] = groups.try_emplace(ages_months);
  Group& group = entry->second;
  if (added) {
    const std::size_t n = std::min<std::size_t>(ages_months.size(), kMaxSensitivityObservations);
    group.names.reserve(n);  // no reallocation below: the c_str() pointers stay valid
    for (std::size_t i = 0; i < n; ++i) group.names.push_back(std::string("observed_sensitivity_").append(age_text(ages_months[i])));
    for (std::size_t i = 0; i < n; ++i) group.columns.push_back({group.names[i].c_str(), kObservedRatings[i], 1, 9});
    group.columns.push_back(
        {"observed_sensitivity", [](const DyadRecord& r) { return r.sensitivity_observation.mean_rating(); }, 1, 9});
  }
  return group.columns;
}

const std::vector<RecordColumn>& intervention_columns() {
  static const std::vector<RecordColumn> columns = {
      {"treated", [](const DyadRecord& r) { return double(r.treatment_start_day >= 0); }, 0, 1},
      {"treatment_start_month",
       [](const DyadRecord& r) { return r.treatment_start_day >= 0 ? r.treatment_start_day / kDaysPerMonth : kNotAssessed; },
       0, 37},
  };
  return columns;
}

}  // namespace attune

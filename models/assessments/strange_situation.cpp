#include "models/assessments/strange_situation.hpp"

#include <algorithm>

#include "models/bout_context.hpp"
#include "sim/random/random_variates.hpp"

namespace attune {
namespace {

/// Who is in the room during an episode (Ainsworth et al. 1978, Table 2).
struct Episode {
  int seconds;
  bool caregiver;
  bool stranger;
  bool stranger_enters;
  int reunion;  ///< 0, or 1/2 for episodes 5 and 8
};

constexpr Episode kEpisodes[] = {
    {kSspIntroductionSeconds, true, false, false, 0},  // 1 introduction
    {kSspEpisodeSeconds, true, false, false, 0},       // 2 caregiver and infant
    {kSspEpisodeSeconds, true, true, true, 0},         // 3 stranger
    {kSspEpisodeSeconds, false, true, false, 0},       // 4 first separation
    {kSspEpisodeSeconds, true, false, false, 1},       // 5 first reunion
    {kSspEpisodeSeconds, false, false, false, 0},      // 6 alone
    {kSspEpisodeSeconds, false, true, true, 0},        // 7 stranger returns
    {kSspEpisodeSeconds, true, false, false, 2},       // 8 second reunion
};

struct InfantInRoom {
  double arousal = 0.0;
  bool in_contact = false;
};

/// One second of reunion behaviour: what the infant does depends on its arousal, its
/// strategy and its fear; the caregiver picks the infant up as her sensitivity allows.
ReunionBehaviour reunion_behaviour(InfantInRoom& infant, const WorkingModel& model, const Parameters& p,
                                   const CaregiverDay& caregiver, double threshold, Rng& rng) {
  const SspParameters& s = p.ssp;
  const double u = uniform01(rng);
  const double need = std::clamp(infant.arousal / threshold, 0.0, 1.0);
  if (infant.in_contact) {
    // Anger at the caregiver shows in contact, most when distressed (Ainsworth et al. 1978).
    if (u < s.resist_propensity * model.hyperactivation * std::max(s.resistance_floor, need)) return ReunionBehaviour::resist;
    // A calm infant returns to play; a deactivated one squirms out early.
    const double release = infant.arousal < p.infant.signal_hysteresis * threshold ? s.release_rate : s.release_rate * model.deactivation;
    if (uniform01(rng) < release) {
      infant.in_contact = false;
      return ReunionBehaviour::play;
    }
    return ReunionBehaviour::contact;
  }
  const double conflict = s.conflict_propensity * model.fear;
  const double avoid = s.avoid_propensity * model.deactivation;
  const double approach = s.approach_propensity * (1.0 - model.deactivation) * need;
  if (u < conflict) return ReunionBehaviour::conflict;
  if (u < conflict + avoid) return ReunionBehaviour::avoid;
  if (u < conflict + avoid + approach) {
    // The approach ends in contact if the caregiver notices, responds and does not rebuff.
    if (uniform01(rng) < caregiver.detection * (1.0 - caregiver.rejection)) infant.in_contact = true;
    return ReunionBehaviour::approach;
  }
  return ReunionBehaviour::play;
}

}  // namespace

StrangeSituationResult run_strange_situation(const Parameters& p, const WorkingModel& model,
                                             const CaregiverDay& caregiver, double age_months, Rng& rng) {
  StrangeSituationResult result;
  result.iwm = model;
  const SignalStyle style = signal_style(model, p.iwm);
  const double self_regulation = self_regulation_rate(p.infant, age_months);
  const double coregulation = p.caregiver.coregulation * p.infant.soothability * style.soothability_scale;
  const double threshold = p.infant.cue_threshold * style.threshold_scale;
  // A deactivated infant is aroused but cries less: expression is suppressed
  // (Spangler & Grossmann 1993: avoidant infants' heart rate rises without crying).
  const double crying_level = p.infant.crying_arousal * (1.0 + model.deactivation);
  ReunionTrace traces[2];
  double reunion_arousal_sum = 0.0;
  int reunion_seconds = 0;
  InfantInRoom infant;

  for (const Episode& episode : kEpisodes) {
    if (episode.stranger_enters) infant.arousal += p.ssp.stranger_wariness * p.infant.reactivity;
    if (!episode.caregiver) infant.in_contact = false;
    int crying_seconds = 0;
    for (int t = 0; t < episode.seconds; ++t) {
      double drive = 0.0, rate = self_regulation;
      if (!episode.caregiver) {
        // The maximizing strategy escalates separation distress (Cassidy & Berlin 1994).
        drive = (episode.stranger ? p.ssp.separation_drive : p.ssp.alone_drive) * p.infant.reactivity *
                (1.0 + p.iwm.cue_amplification * model.hyperactivation);
        if (episode.stranger) rate += p.ssp.stranger_comfort * coregulation;
      } else if (infant.in_contact) {
        rate += coregulation;
      }
      infant.arousal += drive - rate * infant.arousal + p.infant.arousal_noise * p.infant.reactivity * standard_normal(rng);
      const bool crying = infant.arousal >= crying_level;
      crying_seconds += crying;
      if (episode.reunion > 0) {
        traces[episode.reunion - 1].record(reunion_behaviour(infant, model, p, caregiver, threshold, rng), crying);
        reunion_arousal_sum += infant.arousal;
        ++reunion_seconds;
      }
      // Separations are cut short when the infant is very distressed (the protocol).
      if (!episode.caregiver && crying_seconds >= p.ssp.curtail_crying) break;
    }
  }
  result.coding = code_strange_situation(traces[0], traces[1]);
  result.reunion_arousal = reunion_seconds ? reunion_arousal_sum / reunion_seconds : 0.0;
  result.reunion_crying = result.coding.reunion1.crying_seconds + result.coding.reunion2.crying_seconds;
  return result;
}

}  // namespace attune

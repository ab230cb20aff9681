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

/// Whoever now cares for the infant must tune in afresh: the exchange opens mismatched.
/// A distress signal still running meets the new partner as a fresh call (its bookkeeping
/// restarts; what the procedure teaches is learned on a copy), so an unresolved
/// caregiver's fright can answer the infant's distress at the reunion itself.
void change_of_partner(InteractionState& s) {
  s.matched = false;
  s.engaged = false;
  s.mismatch_seconds = 0;
  if (s.signalling) s.episode = EpisodeOutcome{};
}

}  // namespace

BoutContext stranger_context(const BoutContext& caregiver, const Parameters& p) {
  BoutContext c = caregiver;
  const double sensitivity = p.ssp.stranger_sensitivity;
  c.detection = sensitivity;
  c.promptness = sensitivity;
  c.reading = sensitivity * p.infant.cue_clarity;
  c.fit = sensitivity;
  c.tracking = sensitivity;
  c.repair = sensitivity;
  c.contingency = 1.0;
  c.rejection = 0.0;
  c.frightening = 0.0;
  c.fright_in_distress = 0.0;
  c.disruption = 0.0;
  c.coregulation = caregiver.coregulation * p.ssp.stranger_comfort;
  return c;
}

ReunionBehaviour reunion_behaviour(const InteractionState& s, const BoutContext& c, const WorkingModel& model,
                                   const Parameters& p, Rng& rng) {
  const SspParameters& ssp = p.ssp;
  // The attachment system's activation: the infant's distress relative to its own
  // threshold, and at least what the caregiver's return itself evokes.
  const double need = std::clamp(s.arousal / c.cue_threshold, 0.0, 1.0);
  const double activation = std::max(ssp.reunion_activation, need);
  // The caregiver's own frightening or disrupted behaviour is met with apprehension,
  // freezing or a broken-off approach (Main & Solomon 1990; Lyons-Ruth et al. 1999).
  if (s.act == CaregiverAct::frightening || s.act == CaregiverAct::disrupted) return ReunionBehaviour::conflict;
  const double u = uniform01(rng);
  // Approach and avoidance at once when the haven is also the source of alarm
  // (Main & Hesse 1990).
  const double conflict = ssp.conflict_propensity * std::min(1.0, model.fear + model.helplessness) * activation;
  if (u < conflict) return ReunionBehaviour::conflict;
  // Minimizing: attention shifts away from the caregiver, held or not (Main 1981).
  const double avoid = conflict + ssp.avoid_propensity * model.deactivation * activation;
  if (u < avoid) return ReunionBehaviour::avoid;
  if (s.matched) {
    // Attuned: a settled infant returns to play (the secure base); a distressed one is
    // held; a maximizing one is angry even in contact (Ainsworth et al. 1978).
    if (s.arousal < p.infant.signal_hysteresis * c.cue_threshold) return ReunionBehaviour::play;
    if (u < avoid + ssp.resist_propensity * model.hyperactivation * activation) return ReunionBehaviour::resist;
    return ReunionBehaviour::contact;
  }
  // A response that failed angers a maximizing infant (Cassidy & Berlin 1994).
  const bool failed = s.act == CaregiverAct::mistimed || s.act == CaregiverAct::misread ||
                      s.act == CaregiverAct::rebuffed || s.act == CaregiverAct::intrusive;
  const double resist = avoid + (failed ? ssp.resist_propensity * model.hyperactivation : 0.0);
  if (u < resist) return ReunionBehaviour::resist;
  // Otherwise the infant seeks the caregiver as far as it is distressed.
  if (u < resist + ssp.approach_propensity * (1.0 - model.deactivation) * need) return ReunionBehaviour::approach;
  return ReunionBehaviour::play;
}

StrangeSituationResult run_strange_situation(const Parameters& p, const WorkingModel& model,
                                             const BoutContext& caregiver, Rng& rng) {
  StrangeSituationResult result;
  result.iwm = model;
  WorkingModel during = model;
  const BoutContext stranger = stranger_context(caregiver, p);
  const BoutContext alone = unanswered_context(caregiver);
  // A deactivated infant is aroused but cries less: expression is suppressed
  // (Spangler & Grossmann 1993: avoidant infants' heart rate rises without crying).
  const double crying_level = p.infant.crying_arousal * (1.0 + model.deactivation);
  // The maximizing strategy escalates separation distress (Cassidy & Berlin 1994).
  const double escalation = p.infant.reactivity * (1.0 + p.iwm.cue_amplification * model.hyperactivation);
  ReunionTrace traces[2];
  double reunion_arousal_sum = 0.0;
  int reunion_seconds = 0;
  InteractionState s;
  InteractionCounts counts;

  for (const Episode& episode : kEpisodes) {
    const BoutContext& c = episode.caregiver ? caregiver : episode.stranger ? stranger : alone;
    if (episode.stranger_enters) s.arousal += p.ssp.stranger_wariness * p.infant.reactivity;
    if (episode.stranger_enters || episode.reunion > 0 || !episode.caregiver) change_of_partner(s);
    const double separation = episode.caregiver ? 0.0
                              : (episode.stranger ? p.ssp.separation_drive : p.ssp.alone_drive) * escalation;
    const StepRates rates = step_rates(c);
    int crying_seconds = 0;
    for (int t = 0; t < episode.seconds; ++t) {
      s.arousal += separation;
      step_second(s, rates, rng, counts, during, p.iwm);
      const bool crying = s.arousal >= crying_level;
      crying_seconds += crying;
      if (episode.reunion > 0) {
        traces[episode.reunion - 1].record(reunion_behaviour(s, c, model, p, rng), crying);
        reunion_arousal_sum += s.arousal;
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

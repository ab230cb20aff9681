#include "models/iwm.hpp"

#include <algorithm>
#include <cmath>

namespace attune {
namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

WorkingModel newborn_working_model(const IwmParameters& p) {
  WorkingModel m{};
  m.availability_successes = 0.5 * p.prior_weight;
  m.availability_failures = 0.5 * p.prior_weight;
  m.efficacy = 0.5;
  m.availability_trend = 0.5;
  return m;
}

void learn_from_episode(WorkingModel& m, EpisodeOutcome o, const IwmParameters& p) {
  // Discounted Beta posterior: old evidence fades by lambda per episode, so the
  // expectation tracks a caregiver who changes (depression onset, recovery).
  m.availability_successes = p.forgetting * m.availability_successes + (o.answered ? 1.0 : 0.0);
  m.availability_failures = p.forgetting * m.availability_failures + (o.answered ? 0.0 : 1.0);
  const double relief = o.relieved ? std::exp(-o.relief_seconds / p.relief_time_scale) : 0.0;
  m.efficacy += p.efficacy_rate * (relief - m.efficacy);
  // Distress left long with no one turning to it is the seeds' toxic misattunement:
  // no strategy brings the caregiver, and the infant learns helplessness (Main & Hesse
  // 1990: fright without solution). A long spell the caregiver attends to (a reactive
  // infant slow to calm) teaches none.
  if (!o.comforted && o.relief_seconds > p.overwhelm_time) m.helplessness += p.helplessness_rate * (1.0 - m.helplessness);
  if (o.bid_answered) m.rejection += p.rejection_rate * ((o.rejected ? 1.0 : 0.0) - m.rejection);
  m.day_episodes += 1.0;
  m.day_answered += o.answered ? 1.0 : 0.0;
}

void learn_from_fright(WorkingModel& m, const IwmParameters& p) { m.fear += p.fear_rate * (1.0 - m.fear); }

void learn_from_disruption(WorkingModel& m, const IwmParameters& p) { m.fear += p.disruption_fear * (1.0 - m.fear); }

void learn_end_of_day(WorkingModel& m, const IwmParameters& p) {
  // Comfort extinguishes alarm: fear and helplessness fade as far as today's distress
  // was answered; a day without distress with this caregiver brings no comfort to learn
  // from (relationship-specific: an absent caregiver is not a comforting one).
  const double answered_today = m.day_episodes > 0.0 ? m.day_answered / m.day_episodes : 0.0;
  m.fear *= 1.0 - p.fear_decay * answered_today;
  m.helplessness *= 1.0 - p.fear_decay * answered_today;
  // The strategy moves only as far as today's experience of this caregiver gives
  // evidence: a caregiver seen less is known less surely.
  const double evidence = 1.0 - std::exp(-m.day_episodes / p.evidence_episodes);
  if (m.day_episodes > 0.0) {
    // Between-day variance of the answered share, less the variance a perfectly
    // consistent caregiver would show from a handful of episodes (binomial), so that
    // few episodes a day do not read as inconsistency.
    const double today = m.day_answered / m.day_episodes;
    const double deviation = today - m.availability_trend;
    const double chance_variance = m.availability_trend * (1.0 - m.availability_trend) / m.day_episodes;
    m.availability_variance +=
        p.inconsistency_rate * (deviation * deviation - chance_variance - m.availability_variance);
    m.availability_trend += p.inconsistency_rate * deviation;
    // As a share on [0, 1]: twice the between-day SD (an SD of 0.5 is the most a share can have).
    m.inconsistency = std::min(1.0, 2.0 * std::sqrt(std::max(0.0, m.availability_variance)));
  }
  m.day_episodes = 0.0;
  m.day_answered = 0.0;
  // Minimizing pays when bids are rebuffed or go unanswered; the two add up.
  const double futility = m.rejection + p.unresponsiveness_weight * (1.0 - m.availability());
  const double deactivation_target = logistic(p.strategy_slope * (futility - p.deactivation_midpoint));
  const double hyperactivation_target =
      logistic(p.strategy_slope * (m.inconsistency - p.hyperactivation_midpoint)) *
      (1.0 - deactivation_target);
  m.deactivation += p.strategy_rate * evidence * (deactivation_target - m.deactivation);
  m.hyperactivation += p.strategy_rate * evidence * (hyperactivation_target - m.hyperactivation);
}

SignalStyle signal_style(const WorkingModel& m, const IwmParameters& p) {
  SignalStyle style{};
  style.salience_scale = (1.0 - p.cue_damping * m.deactivation) * (1.0 + p.cue_amplification * m.hyperactivation);
  // A deactivated infant waits longer before signalling; a hyperactivated one signals sooner.
  style.threshold_scale = (1.0 + m.deactivation) / (1.0 + m.hyperactivation);
  style.soothability_scale = 1.0 - p.anger_soothability * m.hyperactivation;
  return style;
}

}  // namespace attune

#pragma once
/// The infant's internal working model: expectations learned from signal episodes,
/// never assigned (Bowlby 1969/1982; Bretherton & Munholland 2008), and the signalling
/// strategy that adapts to them (Main 1990; Cassidy & Berlin 1994).
#include "models/parameters.hpp"

namespace attune {

/// What one signal episode (a spell of distress signalling) taught the infant.
struct EpisodeOutcome {
  bool answered = false;    ///< a fitting response came within iwm.timely_answer of the first signal
  bool bid_answered = false;///< the caregiver responded to a contact bid (rebuffed or not)
  bool rejected = false;    ///< a contact bid was rebuffed
  int relief_seconds = 0;   ///< from the first signal until arousal fell back
  bool relieved = false;    ///< arousal fell back before the bout ended
  bool comforted = false;   ///< the caregiver attended to the signal (noticed, responded, was in tune) at some time during it
};

/// The expectations (all in [0, 1]) and the strategy they drive.
struct WorkingModel {
  double availability_successes;  ///< Beta posterior alpha: discounted answered episodes
  double availability_failures;   ///< Beta posterior beta: discounted unanswered episodes
  double efficacy;        ///< expected speed of relief after signalling
  double rejection;       ///< expected rebuff of a contact bid
  double inconsistency;   ///< learned day-to-day variability of availability
  double fear;            ///< fear of the caregiver: the haven is also a source of alarm
  double helplessness;    ///< learned from distress that overwhelmed and went unrelieved
  double deactivation;    ///< minimizing strategy (damped cues)
  double hyperactivation; ///< maximizing strategy (amplified cues, anger)
  // The day's tally, for learning inconsistency across days.
  double day_answered;
  double day_episodes;
  double availability_trend;     ///< running mean of daily answered shares
  double availability_variance;  ///< running between-day variance of that share, binomial noise removed

  double availability() const {
    return availability_successes / (availability_successes + availability_failures);
  }
};

/// The newborn's working model: an even, weak prior and no strategy.
WorkingModel newborn_working_model(const IwmParameters& p);

/// Learning after every signal episode (discounted Beta update for availability;
/// delta rules for efficacy and rejection). The outcome comes by value (it fits in two
/// registers) so that the bout's state, which holds it, never escapes the hot loop.
void learn_from_episode(WorkingModel& model, EpisodeOutcome outcome, const IwmParameters& p);

/// Fear is learned at the frightening event itself, in or out of a signal episode.
void learn_from_fright(WorkingModel& model, const IwmParameters& p);

/// A disrupted response teaches a little fear: the haven's signals contradict each other.
void learn_from_disruption(WorkingModel& model, const IwmParameters& p);

/// End of day: fear and helplessness fade as far as the day's distress was answered;
/// learn the day-to-day variability of availability, then move the strategy towards its
/// targets (deactivate when bids are rebuffed or go unanswered; hyperactivate when
/// answers are intermittent), as far as the day's episodes give evidence.
void learn_end_of_day(WorkingModel& model, const IwmParameters& p);

/// How the strategy shapes the infant's signals on a given day.
struct SignalStyle {
  double salience_scale;  ///< multiplies the cue's salience
  double threshold_scale; ///< multiplies the distress threshold
  double soothability_scale;
};

SignalStyle signal_style(const WorkingModel& model, const IwmParameters& p);

}  // namespace attune

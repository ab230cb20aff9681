#pragma once
/// The coupled infant–caregiver micro-model at 1-second steps inside a bout.
/// A step is an ordered list of named stages: events -> detection/response -> regulation
/// -> bookkeeping and learning. Everything here is inline, allocation-free, lock-free,
/// and free of virtual calls and I/O: it is the hot loop.
#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "models/interaction_metrics.hpp"
#include "models/iwm.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

/// Per-second probabilities and rates in force for one day's bouts.
struct BoutContext {
  // Infant
  double self_regulation;     ///< 1/s, at today's age
  double coregulation;        ///< extra 1/s while matched (coregulation x soothability)
  double arousal_noise;       ///< sd of the per-second innovation (noise x reactivity)
  double distress_onset;      ///< chance per second of a distress onset
  double distress_size;       ///< mean jump (size x reactivity)
  double distress_width;      ///< sizes spread uniformly over [(1 - width), (1 + width)] x mean
  double cue_threshold;       ///< effective distress threshold (strategy applied)
  double signal_hysteresis;   ///< an episode ends below this share of the threshold
  double cue_gain;            ///< salience per unit arousal above threshold (strategy applied)
  double cue_base;            ///< salience of ordinary bids (strategy applied)
  double affect_shift;        ///< chance per second of a change of infant state
  double mismatch_drive;      ///< arousal/s from a rupture that has lasted the tolerance
  double mismatch_tolerance;  ///< s over which that drive builds up
  double crying_arousal;
  // Caregiver (today's sensitivity)
  double detection, reading, promptness, fit, tracking, repair, rejection;
  double frightening;         ///< chance per second of a frightening event at any time
  double fright_in_distress;  ///< chance of a frightening event as a distress episode begins
  double disruption;          ///< share of otherwise fitting responses that are disrupted
  double contingency;         ///< share of responses timed to the cue
  int contingency_window;     ///< s
  int timely_answer;          ///< s from an episode's start within which an answer counts
  double intrusion_arousal, fright_arousal;
};

/// What the caregiver visibly did in one second: what an observer codes (the
/// sensitivity observation, the Strange Situation's reunions). Set by the step.
enum class CaregiverAct : std::uint8_t {
  none,         ///< nothing directed at the infant's cue this second
  noticed,      ///< turned to the infant's cue (begins preparing a response)
  fitting,      ///< a timely response that read the cue right and fitted: attunement
  mistimed,     ///< a response out of time with the cue (too late, or not contingent)
  misread,      ///< a response to something other than what the infant signalled
  rebuffed,     ///< a contact bid turned down
  intrusive,    ///< an ill-fitting response: over-stimulating, harsh or intrusive
  disrupted,    ///< disrupted affective communication (withdrawal, role confusion, negative-intrusive; Lyons-Ruth et al. 1999)
  frightening,  ///< frightening or frightened behaviour (Main & Hesse 1990)
};

/// The dyad's moment-to-moment state inside a bout.
struct InteractionState {
  double arousal = 0.0;
  bool matched = false;
  bool engaged = false;       ///< the caregiver noticed the cue and prepares a response
  bool contingent = true;     ///< the pending response is timed to the cue
  int waited = 0;             ///< s since the caregiver noticed the cue
  int mismatch_seconds = 0;   ///< s since the current rupture began
  bool signalling = false;    ///< inside a distress signal episode
  CaregiverAct act = CaregiverAct::none;  ///< what the caregiver did this second
  EpisodeOutcome episode;
};

namespace detail {

inline void begin_rupture(InteractionState& s, InteractionCounts& counts) {
  s.matched = false;
  s.engaged = false;
  s.mismatch_seconds = 0;
  ++counts.ruptures;
}

/// Stage 1: what happens to the infant this second. One uniform partitions the three
/// exclusive events (distress onset, frightening event, untracked change of state). An
/// unresolved caregiver's fright is triggered by the infant's own distress signal.
/// Each chance is at most 1, but at extreme inputs (a fright chance near 1 in an
/// episode's first second, a change of state every second) they can sum past 1: the
/// bands then keep their order of precedence, distress onset, fright, change of state,
/// and a later event gets what the earlier ones leave.
inline void infant_events(InteractionState& s, const BoutContext& c, Rng& rng, InteractionCounts& counts,
                          WorkingModel& model, const IwmParameters& iwm) {
  const double u = uniform01(rng);
  // Once per distress episode, in its first second: a longer spell of distress does
  // not itself add to the chance (temperament is not a route to disorganization).
  const double frightening = c.frightening + (s.signalling && s.episode.relief_seconds == 0 ? c.fright_in_distress : 0.0);
  if (u < c.distress_onset) {
    // Uniform on [(1 - w), (1 + w)] x mean; w = 1: anything from nothing to twice the mean.
    s.arousal += c.distress_size * (1.0 - c.distress_width) + c.distress_size * 2.0 * c.distress_width * uniform01(rng);
    if (s.matched && uniform01(rng) >= c.tracking) begin_rupture(s, counts);
  } else if (u < c.distress_onset + frightening) {
    s.arousal += c.fright_arousal;
    s.act = CaregiverAct::frightening;
    learn_from_fright(model, iwm);
    if (s.matched) begin_rupture(s, counts);
  } else if (s.matched && u < c.distress_onset + frightening + c.affect_shift * (1.0 - c.tracking)) {
    begin_rupture(s, counts);
  }
}

/// A response went wrong: the caregiver either re-attunes at once (repair) or disengages.
inline void failed_response(InteractionState& s, const BoutContext& c, Rng& rng) {
  s.engaged = uniform01(rng) < c.repair;
  s.waited = 0;
}

/// Stage 2: detection, then the response — timing, reading, rejection, fit. Of the
/// responses that would fit, a share is disrupted affective communication: it fails,
/// over-arouses and teaches a little fear (Lyons-Ruth et al. 1999).
inline void caregiver_response(InteractionState& s, const BoutContext& c, Rng& rng, InteractionCounts& counts,
                               WorkingModel& model, const IwmParameters& iwm) {
  const bool distress = s.arousal >= c.cue_threshold;
  if (!s.engaged) {
    const double salience = std::min(1.0, c.cue_base + (distress ? c.cue_gain * (s.arousal - c.cue_threshold) : 0.0));
    if (uniform01(rng) < c.detection * salience) {
      s.engaged = true;
      s.act = CaregiverAct::noticed;
      s.waited = 0;
      s.contingent = c.contingency >= 1.0 || uniform01(rng) < c.contingency;
    }
    return;
  }
  ++s.waited;
  if (uniform01(rng) >= c.promptness) return;
  // Warm but mistimed responses do not regulate (Murray & Trevarthen 1985).
  if (!s.contingent || s.waited > c.contingency_window) {
    s.act = CaregiverAct::mistimed;
    return failed_response(s, c, rng);
  }
  if (uniform01(rng) >= c.reading) {
    s.act = CaregiverAct::misread;
    return failed_response(s, c, rng);
  }
  if (distress) {
    s.episode.bid_answered = true;
    if (uniform01(rng) < c.rejection) {
      s.episode.rejected = true;
      s.act = CaregiverAct::rebuffed;
      return failed_response(s, c, rng);
    }
  }
  const double u = uniform01(rng);
  if (u >= c.fit) {
    s.arousal += c.intrusion_arousal;  // intrusive or harsh: over-arouses
    s.act = CaregiverAct::intrusive;
    return failed_response(s, c, rng);
  }
  if (u < c.fit * c.disruption) {
    s.arousal += c.intrusion_arousal;
    s.act = CaregiverAct::disrupted;
    learn_from_disruption(model, iwm);
    return failed_response(s, c, rng);
  }
  s.matched = true;
  s.engaged = false;
  s.act = CaregiverAct::fitting;
  ++counts.repairs;
  ++counts.repair_latency[std::min(s.mismatch_seconds, kLatencyBins - 1)];
  if (s.signalling && s.episode.relief_seconds <= c.timely_answer) s.episode.answered = true;
}

/// Stage 3: arousal relaxes towards calm by self-regulation, faster while matched
/// (co-regulation); a rupture left unrepaired drives it up more the longer it lasts
/// (Tronick & Gianino 1986); plus an Euler–Maruyama innovation (dt = 1 s).
inline void regulate(InteractionState& s, const BoutContext& c, Rng& rng) {
  const double rate = c.self_regulation + (s.matched ? c.coregulation : 0.0);
  const double frustration =
      s.matched ? 0.0 : c.mismatch_drive * std::min(1.0, s.mismatch_seconds / c.mismatch_tolerance);
  s.arousal += frustration - rate * s.arousal + c.arousal_noise * standard_normal(rng);
}

/// Stage 4: counts, and the signal episode's bookkeeping. An episode begins when the
/// infant's arousal crosses its distress threshold and ends when it falls below a share
/// of it, the hysteresis (which keeps noise from splitting one spell into many).
inline void account(InteractionState& s, const BoutContext& c, InteractionCounts& counts,
                    WorkingModel& model, const IwmParameters& iwm) {
  ++counts.seconds;
  counts.matched_seconds += s.matched;
  counts.high_arousal_seconds += s.arousal >= c.crying_arousal;
  counts.arousal_sum += s.arousal;
  if (!s.matched) ++s.mismatch_seconds;
  if (!s.signalling) {
    if (s.arousal >= c.cue_threshold) {
      s.signalling = true;
      s.episode = EpisodeOutcome{};
      // A caregiver already attending (engaged, in tune, or acting this second) has
      // turned to the signal from its start.
      s.episode.comforted = s.engaged || s.matched || (s.act != CaregiverAct::none && s.act != CaregiverAct::frightening);
    }
  } else {
    ++s.episode.relief_seconds;
    s.episode.comforted |= s.act != CaregiverAct::none && s.act != CaregiverAct::frightening;
    if (s.arousal < c.signal_hysteresis * c.cue_threshold) {
      s.signalling = false;
      s.episode.relieved = true;
      learn_from_episode(model, s.episode, iwm);
    }
  }
}

}  // namespace detail

/// One second of the coupled micro-model.
inline void step_second(InteractionState& s, const BoutContext& c, Rng& rng, InteractionCounts& counts,
                        WorkingModel& model, const IwmParameters& iwm) {
  s.act = CaregiverAct::none;
  detail::infant_events(s, c, rng, counts, model, iwm);
  // A caregiver who has just frightened the infant does not also answer it that second
  // (and the fright stays what an observer sees of that second).
  if (!s.matched && s.act != CaregiverAct::frightening) detail::caregiver_response(s, c, rng, counts, model, iwm);
  detail::regulate(s, c, rng);
  detail::account(s, c, counts, model, iwm);
}

/// What one second added to the bout's tallies, as an observer sees it.
struct SecondEvents {
  bool rupture;  ///< a rupture began
  bool repair;   ///< a fitting response repaired one
};

/// Observes nothing: the default for runs, compiled away entirely.
struct NoObserver {
  void operator()(int, const InteractionState&, SecondEvents) const {}
};

/// A whole bout. It opens calm and mismatched (the caregiver has yet to tune in, which
/// counts as a rupture); an episode still open at the end is learned from as unrelieved.
/// `observe(second, state, events)` sees every second (for traces and observations);
/// it draws no random numbers, so an observed bout is the same bout.
//
// The bout runs on local copies of the context, the engine and the tallies, written back
// at the end. Through the references, a store to a tally (a uint64_t, a double) might
// have changed the engine's state or the context, so the compiler reloaded and stored
// the engine's four words around every draw; no outside pointer reaches a local, so now
// they stay in registers (12 % fewer instructions per dyad-second, docs/PERFORMANCE.md).
// The copies change no result.
template <typename Observer = NoObserver>
inline void run_bout(int seconds, const BoutContext& context, Rng& rng, InteractionCounts& counts,
                     WorkingModel& model, const IwmParameters& iwm, Observer&& observe = Observer{}) {
  const BoutContext c = context;
  Rng engine = rng;
  InteractionCounts tally = counts;
  InteractionState s;
  ++tally.ruptures;
  for (int t = 0; t < seconds; ++t) {
    if constexpr (std::is_same_v<std::decay_t<Observer>, NoObserver>) {
      step_second(s, c, engine, tally, model, iwm);
    } else {
      const auto ruptures = tally.ruptures, repairs = tally.repairs;
      step_second(s, c, engine, tally, model, iwm);
      observe(t, s, SecondEvents{tally.ruptures > ruptures, tally.repairs > repairs});
    }
  }
  if (s.signalling) learn_from_episode(model, s.episode, iwm);
  rng = engine;
  counts = tally;
}

}  // namespace attune

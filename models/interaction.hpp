#pragma once
/// The coupled infant–caregiver micro-model at 1-second steps inside a bout.
/// A step is an ordered list of named stages: events -> detection/response -> regulation
/// -> bookkeeping and learning. Everything here is inline, allocation-free, lock-free,
/// and free of virtual calls and I/O: it is the hot loop.
///
/// Every second draws the same three variates, whatever happens: an event uniform (the
/// infant's events, the onset's size and whether an onset breaks the match), a caregiver
/// uniform (noticing, or the whole response chain against cumulative edges) and a normal
/// (the arousal innovation). Which rule applies is then a choice among values, never a
/// choice of which numbers to draw, so the same step runs across the lanes of a SIMD
/// vector (models/interaction_simd.cpp) with this step's exact bits.
#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "models/interaction_metrics.hpp"
#include "models/iwm.hpp"
#include "models/step_rates.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

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


/// The three variates of one second, drawn in this order from the bout's stream.
struct SecondDraws {
  double event;      ///< uniform: the infant's events
  double caregiver;  ///< uniform: the caregiver's noticing or response
  double innovation; ///< standard normal: the arousal innovation
};

inline SecondDraws draw_second(Rng& rng) {
  const double event = uniform01(rng);
  const double caregiver = uniform01(rng);
  return {event, caregiver, standard_normal(rng)};
}

namespace detail {

inline void begin_rupture(InteractionState& s, InteractionCounts& counts) {
  s.matched = false;
  s.engaged = false;
  s.mismatch_seconds = 0;
  ++counts.ruptures;
}

/// Stage 1: what happens to the infant this second. The event uniform u partitions the
/// three exclusive events (distress onset, frightening event, untracked change of state).
/// Inside the onset band, u / onset is a fresh uniform: its first `tracking` share keeps
/// a match, the rest breaks it, and the position inside that share sets the jump's size
/// (so size and rupture stay independent, as when each had a draw of its own). An
/// unresolved caregiver's fright is triggered by the infant's own distress signal.
/// Each chance is at most 1, but at extreme inputs (a fright chance near 1 in an
/// episode's first second, a change of state every second) they can sum past 1: the
/// bands then keep their order of precedence, distress onset, fright, change of state,
/// and a later event gets what the earlier ones leave.
inline void infant_events(InteractionState& s, const StepRates& r, double u, InteractionCounts& counts,
                          WorkingModel& model, const IwmParameters& iwm) {
  // Once per distress episode, in its first second: a longer spell of distress does
  // not itself add to the chance (temperament is not a route to disorganization).
  const bool first_second = s.signalling && s.episode.relief_seconds == 0;
  const double fright_edge = r.onset + (first_second ? r.frightening + r.fright_in_distress : r.frightening);
  if (u < r.onset) {
    const double w = u * r.inverse_onset;
    const bool kept = w < r.tracking;
    const double size = !s.matched ? w : kept ? w * r.inverse_tracking : (w - r.tracking) * r.inverse_untracking;
    s.arousal += r.size_low + r.size_span * size;
    if (s.matched && !kept) begin_rupture(s, counts);
  } else if (u < fright_edge) {
    s.arousal += r.fright_arousal;
    s.act = CaregiverAct::frightening;
    learn_from_fright(model, iwm);
    if (s.matched) begin_rupture(s, counts);
  } else if (s.matched && u < fright_edge + r.untracked_shift) {
    begin_rupture(s, counts);
  }
}

/// Stage 2, unengaged: the caregiver notices the cue with a chance set by its salience;
/// the first `contingency` share of the noticing band times the response to the cue.
inline void notice(InteractionState& s, const StepRates& r, double u, bool distress) {
  const double raw = distress ? r.cue_base + r.cue_gain * (s.arousal - r.cue_threshold) : r.cue_base;
  const double salience = raw < 1.0 ? raw : 1.0;
  const double noticing = r.detection * salience;
  if (u < noticing) {
    s.engaged = true;
    s.act = CaregiverAct::noticed;
    s.waited = 0;
    s.contingent = u < noticing * r.contingency;
  }
}

/// Stage 2, engaged: the response chain — timing, reading, rejection, fit — decided by one
/// uniform against cumulative edges. On [0, promptness) a response comes; a mistimed one
/// fills that band, a timed one is misread, rebuffed (a distress bid only), intrusive,
/// disrupted or fitting, each on a band as wide as its chance. Warm but mistimed
/// responses do not regulate (Murray & Trevarthen 1985). Of the responses that would
/// fit, a share is disrupted affective communication: it fails, over-arouses and teaches
/// a little fear (Lyons-Ruth et al. 1999). A failure's band splits again: on its first
/// `repair` share the caregiver re-attunes at once (repair), on the rest disengages.
inline void respond(InteractionState& s, const StepRates& r, double u, bool distress, InteractionCounts& counts,
                    WorkingModel& model, const IwmParameters& iwm) {
  ++s.waited;
  if (u >= r.promptness) return;
  const bool timed = s.contingent && s.waited <= r.contingency_window;
  const double rebuff_edge = r.misread_edge + r.rebuff_width[distress];
  const double intrusive_edge = rebuff_edge + r.intrusive_width[distress];
  const double disrupted_edge = intrusive_edge + r.disrupted_width[distress];
  double low, high;
  if (!timed) {
    s.act = CaregiverAct::mistimed;
    low = 0.0, high = r.promptness;
  } else if (u < r.misread_edge) {
    s.act = CaregiverAct::misread;
    low = 0.0, high = r.misread_edge;
  } else {
    if (distress) s.episode.bid_answered = true;
    if (u >= disrupted_edge) {
      s.matched = true;
      s.engaged = false;
      s.act = CaregiverAct::fitting;
      ++counts.repairs;
      ++counts.repair_latency[std::min(s.mismatch_seconds, kLatencyBins - 1)];
      if (s.signalling && s.episode.relief_seconds <= r.timely_answer) s.episode.answered = true;
      return;
    }
    if (u < rebuff_edge) {
      s.episode.rejected = true;
      s.act = CaregiverAct::rebuffed;
      low = r.misread_edge, high = rebuff_edge;
    } else if (u < intrusive_edge) {
      s.arousal += r.intrusion_arousal;  // intrusive or harsh: over-arouses
      s.act = CaregiverAct::intrusive;
      low = rebuff_edge, high = intrusive_edge;
    } else {
      s.arousal += r.intrusion_arousal;
      s.act = CaregiverAct::disrupted;
      learn_from_disruption(model, iwm);
      low = intrusive_edge, high = disrupted_edge;
    }
  }
  s.engaged = u < low + (high - low) * r.repair;
  s.waited = 0;
}

/// Stage 2: detection, then the response.
inline void caregiver_response(InteractionState& s, const StepRates& r, double u, InteractionCounts& counts,
                               WorkingModel& model, const IwmParameters& iwm) {
  const bool distress = s.arousal >= r.cue_threshold;
  if (!s.engaged) {
    notice(s, r, u, distress);
  } else {
    respond(s, r, u, distress, counts, model, iwm);
  }
}

/// Stage 3: arousal relaxes towards calm by self-regulation, faster while matched
/// (co-regulation); a rupture left unrepaired drives it up more the longer it lasts
/// (Tronick & Gianino 1986); plus an Euler–Maruyama innovation (dt = 1 s).
inline void regulate(InteractionState& s, const StepRates& r, double innovation) {
  const double rate = s.matched ? r.self_regulation + r.coregulation : r.self_regulation;
  const double building = s.mismatch_seconds * r.inverse_tolerance;
  const double frustration = s.matched ? 0.0 : r.mismatch_drive * (building < 1.0 ? building : 1.0);
  s.arousal += frustration - rate * s.arousal + r.arousal_noise * innovation;
}

/// Stage 4: counts, and the signal episode's bookkeeping. An episode begins when the
/// infant's arousal crosses its distress threshold and ends when it falls below a share
/// of it, the hysteresis (which keeps noise from splitting one spell into many).
inline void account(InteractionState& s, const StepRates& r, InteractionCounts& counts, WorkingModel& model,
                    const IwmParameters& iwm) {
  ++counts.seconds;
  counts.matched_seconds += s.matched;
  counts.high_arousal_seconds += s.arousal >= r.crying_arousal;
  counts.arousal_sum += s.arousal;
  if (!s.matched) ++s.mismatch_seconds;
  const bool attending = s.act != CaregiverAct::none && s.act != CaregiverAct::frightening;
  if (!s.signalling) {
    if (s.arousal >= r.cue_threshold) {
      s.signalling = true;
      s.episode = EpisodeOutcome{};
      // A caregiver already attending (engaged, in tune, or acting this second) has
      // turned to the signal from its start.
      s.episode.comforted = s.engaged || s.matched || attending;
    }
  } else {
    ++s.episode.relief_seconds;
    s.episode.comforted |= attending;
    if (s.arousal < r.episode_end) {
      s.signalling = false;
      s.episode.relieved = true;
      learn_from_episode(model, s.episode, iwm);
    }
  }
}

}  // namespace detail

/// One second of the coupled micro-model, given its three variates.
inline void step_second(InteractionState& s, const StepRates& r, SecondDraws draws, InteractionCounts& counts,
                        WorkingModel& model, const IwmParameters& iwm) {
  s.act = CaregiverAct::none;
  detail::infant_events(s, r, draws.event, counts, model, iwm);
  // A caregiver who has just frightened the infant does not also answer it that second
  // (and the fright stays what an observer sees of that second).
  if (!s.matched && s.act != CaregiverAct::frightening)
    detail::caregiver_response(s, r, draws.caregiver, counts, model, iwm);
  detail::regulate(s, r, draws.innovation);
  detail::account(s, r, counts, model, iwm);
}

/// One second of the coupled micro-model, drawing its three variates from `rng`.
inline void step_second(InteractionState& s, const StepRates& r, Rng& rng, InteractionCounts& counts,
                        WorkingModel& model, const IwmParameters& iwm) {
  step_second(s, r, draw_second(rng), counts, model, iwm);
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
// The bout runs on local copies of the rates, the engine and the tallies, written back
// at the end. Through the references, a store to a tally (a uint64_t, a double) might
// have changed the engine's state or the rates, so the compiler reloaded and stored
// the engine's four words around every draw; no outside pointer reaches a local, so now
// they stay in registers. The copies change no result.
template <typename Observer = NoObserver>
inline void run_bout(int seconds, const BoutContext& context, Rng& rng, InteractionCounts& counts,
                     WorkingModel& model, const IwmParameters& iwm, Observer&& observe = Observer{}) {
  const StepRates r = step_rates(context);
  Rng engine = rng;
  InteractionCounts tally = counts;
  InteractionState s;
  ++tally.ruptures;
  for (int t = 0; t < seconds; ++t) {
    if constexpr (std::is_same_v<std::decay_t<Observer>, NoObserver>) {
      step_second(s, r, engine, tally, model, iwm);
    } else {
      const auto ruptures = tally.ruptures, repairs = tally.repairs;
      step_second(s, r, engine, tally, model, iwm);
      observe(t, s, SecondEvents{tally.ruptures > ruptures, tally.repairs > repairs});
    }
  }
  if (s.signalling) learn_from_episode(model, s.episode, iwm);
  rng = engine;
  counts = tally;
}

}  // namespace attune

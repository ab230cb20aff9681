#pragma once
/// The still-face paradigm (Tronick, Als, Adamson, Wise & Brazelton 1978): face-to-face
/// play, a still-face phase in which the caregiver stays in front of the infant but
/// neither notices nor responds, and a reunion in which she plays again. Run by the same
/// per-second stages as the life's bouts (models/interaction.hpp), on copies of the
/// dyad's state, so the lab episode teaches the life nothing.
#include <array>
#include <vector>

#include "models/interaction.hpp"
#include "models/parameters.hpp"
#include "sim/random/rng.hpp"

namespace attune {

enum StillFacePhase { kPlay = 0, kStillFace = 1, kReunion = 2 };
inline constexpr int kStillFacePhases = 3;
/// The coder's "positive affect": calm social attention, arousal below this share of the
/// distress threshold while looking at the caregiver (instrument.still_face_calm_level).
/// An instrument constant, apart from the model's own calm level (infant.signal_hysteresis),
/// so that varying the model does not move the coder's criterion.
inline constexpr double kStillFaceCalmLevel = 0.5;
inline constexpr const char* kStillFacePhaseNames[kStillFacePhases] = {"play", "still_face", "reunion"};

/// What a coder would score in one phase, each as a share of the phase's seconds.
struct StillFacePhaseScores {
  double negative_affect = 0.0;  ///< arousal at or above the (strategy-shaped) distress threshold
  double positive_affect = 0.0;  ///< calm (below half that threshold) while looking at the caregiver
  double gaze = 0.0;             ///< looking at the caregiver's face
};

struct StillFaceResult {
  std::array<StillFacePhaseScores, kStillFacePhases> phases{};
  /// Positive affect regained in the reunion: reunion minus still-face.
  double recovery = 0.0;
};

/// One second of the paradigm as the coder sees it, for a trace.
struct StillFaceSecond {
  double arousal = 0.0;
  bool gaze = false;                  ///< looking at the caregiver's face
  bool negative_affect = false;       ///< as the phase scores count it
  bool positive_affect = false;       ///< as the phase scores count it
  bool caregiver_responding = false;  ///< she is attending to a cue or the two are matched
};

/// The paradigm second by second (phase after phase). run_still_face reserves room for
/// every second before the first, so recording one never allocates.
struct StillFaceTrace {
  double distress_threshold = 0.0;  ///< the arousal from which a second is negative affect
  std::vector<StillFaceSecond> seconds;
};

/// Today's context with the caregiver still: she neither notices, responds, tracks,
/// repairs nor frightens; everything about the infant is unchanged.
BoutContext still_face_context(const BoutContext& play);

/// Runs the three phases of `phase_seconds` each. `play` is the day's bout context;
/// `model` the infant's working model that day (copied, not changed). With `trace`, each
/// second is also recorded there (the scores and draws are the same with or without).
StillFaceResult run_still_face(const Parameters& p, const WorkingModel& model, const BoutContext& play,
                               int phase_seconds, Rng& rng, StillFaceTrace* trace = nullptr);

}  // namespace attune

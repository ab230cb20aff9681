#pragma once
/// The coding module: scores reunion behaviour on Ainsworth's interactive scales (1-7)
/// and Main & Solomon's disorganization scale (1-9), then classifies A, B, C and D.
#include "models/assessments/reunion_trace.hpp"

namespace attune {

/// Interactive-scale scores of one reunion episode, each 1..7.
struct ReunionScores {
  int proximity_seeking = 1;
  int contact_maintaining = 1;
  int resistance = 1;
  int avoidance = 1;
  int conflict_seconds = 0;  ///< feeds the disorganization rating of the whole procedure
  int crying_seconds = 0;
};

/// The scales' anchors: seconds of a behaviour in a reunion (conflict: summed over both
/// reunions) that score the top of its scale; fewer score linearly less. Ainsworth et al.
/// (1978, ch. 4 and App. III) define the scales by the intensity, frequency and
/// persistence of each behaviour, not in seconds: expressing them in time is this
/// project's own instrument choice. Rows instrument.*_full of models/parameters.csv,
/// tied to these by tests/models/parameter_table_test.cpp.
inline constexpr double kFullProximitySeeking = 20;  // active approach sustained ~20 s
inline constexpr double kFullContact = 90;           // held for half the episode or more
inline constexpr double kFullResistance = 20;        // repeated angry resistance
inline constexpr double kFullAvoidance = 40;         // persistent ignoring, turning away
inline constexpr double kFullConflict = 20;          // conflict behaviour summed over reunions
/// Proximity seeking counts a late approach less (rows instrument.late_approach_*): every
/// approach second weighs 1 - (1 - kLateApproachWeight) * min(1, first approach / kLateApproachAfter).
inline constexpr double kLateApproachAfter = 60;     // seconds into the reunion
inline constexpr double kLateApproachWeight = 0.5;   // the weight from then on

enum class AttachmentClass : char { A = 'A', B = 'B', C = 'C', D = 'D' };

/// The classes' labels in report order (avoidant, secure, resistant, disorganized).
inline constexpr char kAttachmentClassLabels[] = "ABCD";
inline constexpr int kAttachmentClassCount = 4;
/// Security is B of the primary classification (Ainsworth et al. 1978).
inline constexpr AttachmentClass kSecureClass = AttachmentClass::B;

struct SspCoding {
  ReunionScores reunion1;   ///< episode 5
  ReunionScores reunion2;   ///< episode 8
  int disorganization = 1;  ///< 1..9
  AttachmentClass classification = AttachmentClass::B;
  AttachmentClass secondary = AttachmentClass::B;  ///< forced A/B/C (equals the primary unless D)
};

/// Scores one reunion from its trace (rules in docs/MODEL.md, "Coding the reunions").
ReunionScores code_reunion(const ReunionTrace& trace);

/// Disorganization 1..9 from the conflict behaviour of both reunions.
int disorganization_rating(const ReunionScores& reunion1, const ReunionScores& reunion2);

/// The organized (A/B/C) class from the two reunions' scale scores.
AttachmentClass organized_class(const ReunionScores& reunion1, const ReunionScores& reunion2);

/// Scores and classifies the whole procedure: D at disorganization >= 5, with the
/// organized class as forced secondary.
SspCoding code_strange_situation(const ReunionTrace& reunion1, const ReunionTrace& reunion2);

}  // namespace attune

#include "models/assessments/ssp_coding.hpp"

#include <algorithm>
#include <cmath>

namespace attune {
namespace {

/// Maps an observed amount onto 1..top: 1 when absent, top at `full` or more, linear
/// between (rounded), as a coder's anchors grade "none" to "strong and persistent".
int graded(double amount, double full, int top) {
  if (amount <= 0.0) return 1;
  return std::clamp(1 + static_cast<int>(std::lround((top - 1) * std::min(1.0, amount / full))), 1, top);
}

}  // namespace

ReunionScores code_reunion(const ReunionTrace& trace) {
  int approach = 0, contact = 0, resist = 0, avoid = 0, conflict = 0, crying = 0;
  int first_approach = -1;
  for (int t = 0; t < trace.seconds; ++t) {
    switch (trace.behaviour[t]) {
      case ReunionBehaviour::approach:
        ++approach;
        if (first_approach < 0) first_approach = t;
        break;
      case ReunionBehaviour::contact: ++contact; break;
      case ReunionBehaviour::resist: ++resist; break;
      case ReunionBehaviour::avoid: ++avoid; break;
      case ReunionBehaviour::conflict: ++conflict; break;
      case ReunionBehaviour::play: break;
    }
    crying += trace.crying[t];
  }
  ReunionScores s;
  // Proximity seeking: how much active approach, discounted when it comes late
  // (an approach in the first seconds of the reunion weighs fully).
  const double promptness =
      first_approach < 0 ? 0.0
                         : 1.0 - (1.0 - kLateApproachWeight) * std::min(1.0, first_approach / kLateApproachAfter);
  s.proximity_seeking = graded(approach * promptness, kFullProximitySeeking, 7);
  s.contact_maintaining = graded(contact, kFullContact, 7);
  s.resistance = graded(resist, kFullResistance, 7);
  s.avoidance = graded(avoid, kFullAvoidance, 7);
  s.conflict_seconds = conflict;
  s.crying_seconds = crying;
  return s;
}

int disorganization_rating(const ReunionScores& r1, const ReunionScores& r2) {
  return graded(r1.conflict_seconds + r2.conflict_seconds, kFullConflict, 9);
}

AttachmentClass organized_class(const ReunionScores& r1, const ReunionScores& r2) {
  // The more marked of the two reunions decides, as the second reunion usually does
  // (Ainsworth et al. 1978): A — high avoidance, more than resistance, without strong
  // proximity seeking or contact maintaining (an infant who avoids at times yet seeks and
  // holds on strongly is B1/B2); C — high resistance (usually with contact seeking);
  // otherwise B (seeks and maintains contact, or greets and returns to play).
  const int avoidance = std::max(r1.avoidance, r2.avoidance);
  const int resistance = std::max(r1.resistance, r2.resistance);
  const int seeking = std::max({r1.proximity_seeking, r2.proximity_seeking, r1.contact_maintaining, r2.contact_maintaining});
  if (avoidance >= 5 && avoidance > resistance && seeking < 5) return AttachmentClass::A;
  if (resistance >= 5) return AttachmentClass::C;
  return AttachmentClass::B;
}

SspCoding code_strange_situation(const ReunionTrace& reunion1, const ReunionTrace& reunion2) {
  SspCoding coding;
  coding.reunion1 = code_reunion(reunion1);
  coding.reunion2 = code_reunion(reunion2);
  coding.disorganization = disorganization_rating(coding.reunion1, coding.reunion2);
  coding.secondary = organized_class(coding.reunion1, coding.reunion2);
  // Main & Solomon (1990): a rating of 5 or more on the 9-point scale is classified D.
  coding.classification = coding.disorganization >= 5 ? AttachmentClass::D : coding.secondary;
  return coding;
}

}  // namespace attune

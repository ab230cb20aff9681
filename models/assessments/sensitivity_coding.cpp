#include "models/assessments/sensitivity_coding.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attune {
namespace {

/// What one act tells the coder. A response is judged on Ainsworth's (1974) components:
/// in time with the signal (prompt, contingent), read right (accurate interpretation),
/// and giving the infant what it signalled for (appropriate).
struct CodedAct {
  enum Kind { none, turn, response, frightening } kind;
  bool in_time = false, accurate = false, appropriate = false;
};

// No default case: a new CaregiverAct fails the build (-Wswitch) until the coder says
// how it reads it.
CodedAct read_act(CaregiverAct act) {
  switch (act) {
    case CaregiverAct::none:
      return {CodedAct::none};
    case CaregiverAct::noticed:
      return {CodedAct::turn};
    case CaregiverAct::fitting:
      return {CodedAct::response, true, true, true};
    // Out of time with the cue: not contingent on it, so neither prompt nor a reading of it.
    case CaregiverAct::mistimed:
      return {CodedAct::response, false, false, false};
    case CaregiverAct::misread:
      return {CodedAct::response, true, false, false};
    // Read right (she knows the infant wants contact or comfort) but not what it needs.
    case CaregiverAct::rebuffed:
      return {CodedAct::response, true, true, false};
    case CaregiverAct::intrusive:
      return {CodedAct::response, true, true, false};
    // Contradictory or role-reversed communication does not answer the signal (Lyons-Ruth et al. 1999).
    case CaregiverAct::disrupted:
      return {CodedAct::response, true, false, false};
    case CaregiverAct::frightening:
      return {CodedAct::frightening};
  }
  return {CodedAct::none};
}

/// One occasion's score: the share of Ainsworth's four components the caregiver met; an
/// inappropriate answer (a rebuff, an intrusion, a misreading) scores no more than
/// awareness alone, since appropriateness is what the scale turns on: a caregiver who
/// notices promptly and then rebuffs is insensitive (Ainsworth 1974, anchors 1-3).
double occasion_score(bool aware, bool prompt, bool accurate, bool appropriate) {
  const double met = (aware + prompt + accurate + appropriate) / 4.0;
  return appropriate ? met : std::min(met, 0.25);
}

struct Mean {
  double sum = 0.0;
  int n = 0;
  void add(double x) {
    sum += x;
    ++n;
  }
  double value() const { return n > 0 ? sum / n : 0.0; }
};

/// Walks the trace once. Outside signal episodes it follows the ordinary bids: the infant
/// is left unattended from the observation's start, a rupture (the pair falls out of a
/// matched state without the caregiver acting) or a failed response; the bid is coded
/// when she answers it, or as missed when the window passes before a signal or the end.
class Coder {
 public:
  explicit Coder(const SensitivityTrace& trace) : trace_(trace) {}

  SensitivityCoding code() {
    // Frightening or frightened behaviour is grossly inappropriate whatever the infant
    // did: each act is an ordinary occasion scored 0 (the scale's lowest anchor).
    for (int t = 0; t < trace_.seconds; ++t)
      if (trace_.act[t] == CaregiverAct::frightening) ordinary_.add(0.0);
    int t = 0;
    while (t < trace_.seconds) {
      if (!trace_.signalled[t]) {
        ordinary_second(t++);
        continue;
      }
      int end = t;
      while (end + 1 < trace_.seconds && trace_.signalled[end + 1]) ++end;
      cut_bid(t);
      signal_episode(t, end);
      if (trace_.attuned[end]) {
        state_ = attuned;
      } else {
        leave_unattended(end + 1);
      }
      t = end + 1;
    }
    cut_bid(trace_.seconds);
    return result();
  }

 private:
  enum State { attuned, unattended, waiting };  // waiting: she turned and prepares a response

  void leave_unattended(int t) {
    state_ = unattended;
    since_ = t;
  }

  bool within_window(int t) const { return t - since_ <= kSensitivityWindowSeconds; }

  void ordinary_second(int t) {
    const CodedAct act = read_act(trace_.act[t]);
    if (state_ == attuned && !trace_.attuned[t]) leave_unattended(t);  // a rupture
    if (act.kind == CodedAct::turn && state_ == unattended) {
      turned_in_time_ = within_window(t);
      state_ = waiting;
    } else if (act.kind == CodedAct::response) {
      if (state_ != attuned) {
        const bool aware = state_ == waiting ? turned_in_time_ : within_window(t);
        ordinary_.add(occasion_score(aware, within_window(t) && act.in_time, act.accurate, act.appropriate));
      }
      if (trace_.attuned[t]) {
        state_ = attuned;
      } else {
        leave_unattended(t);
      }
    } else if (trace_.attuned[t]) {
      state_ = attuned;  // in tune without a visible response: nothing to code
    }
  }

  /// A signal episode or the end interrupts the bid in progress: coded if its window
  /// has passed (missed, or noticed and not answered), left out if it is too short to tell.
  void cut_bid(int t) {
    if (state_ == attuned || t - since_ <= kSensitivityWindowSeconds) return;
    ordinary_.add(state_ == waiting ? occasion_score(turned_in_time_, false, false, false) : 0.0);
  }

  /// A distress-signal episode, seconds first..last: did she notice it at all, answer it
  /// within the window, read it right and answer it appropriately (her first response)?
  /// A pair matched as the signal began and still matched (she followed the change in
  /// the infant's state) met all four.
  void signal_episode(int first, int last) {
    if (trace_.attuned[first]) {
      signals_.add(1.0);
      return;
    }
    bool aware = state_ == waiting;  // she had turned to the infant before the signal
    for (int t = first; t <= last; ++t) {
      const CodedAct act = read_act(trace_.act[t]);
      if (act.kind == CodedAct::turn) aware = true;
      if (act.kind != CodedAct::response) continue;
      signals_.add(occasion_score(true, t - first <= kSensitivityWindowSeconds && act.in_time, act.accurate,
                                  act.appropriate));
      return;
    }
    signals_.add(occasion_score(aware, false, false, false));
  }

  SensitivityCoding result() const {
    SensitivityCoding coding;
    coding.signals = signals_.n;
    coding.ordinary = ordinary_.n;
    coding.signal_score = signals_.value();
    coding.ordinary_score = ordinary_.value();
    if (signals_.n > 0 && ordinary_.n > 0) {
      coding.composite =
          kSensitivitySignalWeight * signals_.value() + (1.0 - kSensitivitySignalWeight) * ordinary_.value();
    } else if (signals_.n > 0 || ordinary_.n > 0) {
      coding.composite = signals_.n > 0 ? signals_.value() : ordinary_.value();
    } else {
      coding.composite = std::numeric_limits<double>::quiet_NaN();
    }
    coding.rating = sensitivity_rating(coding.composite);
    return coding;
  }

  const SensitivityTrace& trace_;
  State state_ = unattended;  // a bout opens mismatched: the infant's bids are unattended
  int since_ = 0;             // when the bid in progress began
  bool turned_in_time_ = false;
  Mean signals_, ordinary_;
};

}  // namespace

double sensitivity_rating(double composite) {
  return std::round((1.0 + 8.0 * composite) / kSensitivityRatingStep) * kSensitivityRatingStep;
}

SensitivityCoding code_sensitivity(const SensitivityTrace& trace) { return Coder(trace).code(); }

}  // namespace attune

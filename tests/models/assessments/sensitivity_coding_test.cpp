// The sensitivity coder (models/assessments/sensitivity_coding.hpp) on constructed
// traces whose ratings follow by hand from the rules of docs/MODEL.md, section 7e.
#include "models/assessments/sensitivity_coding.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace attune;

namespace {

/// Writes a trace second by second, keeping the pair's attunement as the model does: a
/// fitting response begins a match, a failed one or a rupture ends it.
struct TraceScript {
  SensitivityTrace trace;
  bool attuned = false;
  bool signalling = false;

  TraceScript& act(CaregiverAct a) {
    if (a == CaregiverAct::fitting) attuned = true;
    if (a != CaregiverAct::fitting && a != CaregiverAct::none && a != CaregiverAct::noticed) attuned = false;
    trace.record(signalling, attuned, a);
    return *this;
  }
  TraceScript& idle(int seconds) {
    for (int i = 0; i < seconds; ++i) act(CaregiverAct::none);
    return *this;
  }
  /// The infant's state changes and the caregiver does not follow.
  TraceScript& rupture() {
    attuned = false;
    return *this;
  }
  TraceScript& signal(bool on) {
    signalling = on;
    return *this;
  }
};

/// Bids answered at once and fittingly, and distress signals answered within 2 s.
TraceScript sensitive_caregiver(int rounds) {
  TraceScript s;
  for (int i = 0; i < rounds; ++i) {
    s.act(CaregiverAct::noticed).act(CaregiverAct::fitting).idle(20);  // an ordinary bid
    s.rupture().act(CaregiverAct::noticed).act(CaregiverAct::fitting).idle(20);
    s.rupture()
        .signal(true)
        .act(CaregiverAct::none)
        .act(CaregiverAct::noticed)
        .act(CaregiverAct::fitting)
        .idle(6)
        .signal(false)
        .idle(20);
    s.rupture();
  }
  return s;
}

}  // namespace

TEST_CASE("models/sensitivity_coding: the rating is 1 + 8 x composite in half points") {
  CHECK(sensitivity_rating(0.0) == 1.0);
  CHECK(sensitivity_rating(1.0) == 9.0);
  CHECK(sensitivity_rating(0.5) == 5.0);
  CHECK(sensitivity_rating(0.53) == 5.0);  // 5.24
  CHECK(sensitivity_rating(0.55) == 5.5);  // 5.4
  CHECK(sensitivity_rating(0.625) == 6.0);
}

TEST_CASE(
    "models/sensitivity_coding: a caregiver who answers every bid and signal promptly and fittingly scores "
    "9") {
  const auto coding = code_sensitivity(sensitive_caregiver(5).trace);
  CHECK(coding.signals == 5);
  CHECK(coding.ordinary == 10);
  CHECK(coding.signal_score == 1.0);
  CHECK(coding.ordinary_score == 1.0);
  CHECK(coding.rating == 9.0);
}

TEST_CASE("models/sensitivity_coding: a caregiver who never notices scores 1") {
  TraceScript s;
  for (int i = 0; i < 6; ++i) s.idle(40).signal(true).idle(15).signal(false);
  s.idle(40);
  const auto coding = code_sensitivity(s.trace);
  CHECK(coding.signals == 6);
  CHECK(coding.ordinary == 7);  // each unattended stretch between signals is one missed bid
  CHECK(coding.composite == 0.0);
  CHECK(coding.rating == 1.0);
}

TEST_CASE("models/sensitivity_coding: misreading lowers the rating") {
  // Each response is first misread, then fits. A signal episode codes the first response:
  // noticed and prompt but neither read right nor appropriate, 2 of 4, capped at 1/4 for
  // an inappropriate answer. Outside signals the misread bid scores 1/4 likewise and the
  // infant, left unattended by it, is answered 1 s later with all 4: ordinary mean 5/8.
  // Composite 0.5 x 0.25 + 0.5 x 0.625 = 0.4375: a 4.5.
  TraceScript s;
  for (int i = 0; i < 4; ++i) {
    s.act(CaregiverAct::noticed).act(CaregiverAct::misread).act(CaregiverAct::fitting).idle(20).rupture();
    s.signal(true)
        .act(CaregiverAct::noticed)
        .act(CaregiverAct::misread)
        .act(CaregiverAct::fitting)
        .idle(5)
        .signal(false)
        .idle(20)
        .rupture();
  }
  const auto coding = code_sensitivity(s.trace);
  CHECK(coding.signal_score == 0.25);
  CHECK(coding.ordinary_score == 0.625);
  CHECK(coding.rating == 4.5);
  CHECK(coding.rating < code_sensitivity(sensitive_caregiver(4).trace).rating);
}

TEST_CASE("models/sensitivity_coding: a response is prompt within 5 s of the signal's start, not 6") {
  // The pair is matched outside the signals, so there are no ordinary bids to code.
  const auto answered_after = [](int seconds) {
    TraceScript s;
    s.act(CaregiverAct::fitting).idle(30);
    for (int i = 0; i < 3; ++i) {
      s.rupture().signal(true).idle(seconds).act(CaregiverAct::fitting).idle(4).signal(false).idle(30);
    }
    return code_sensitivity(s.trace);
  };
  const auto in_time = answered_after(kSensitivityWindowSeconds);
  const auto late = answered_after(kSensitivityWindowSeconds + 1);
  CHECK(in_time.ordinary == 1);  // the opening response
  CHECK(in_time.signal_score == 1.0);
  CHECK(late.signal_score == 0.75);  // aware, read right, appropriate; not prompt
  CHECK(in_time.rating == 9.0);
  CHECK(late.rating == 8.0);  // 0.5 x 0.75 + 0.5 x 1 = 0.875
}

TEST_CASE("models/sensitivity_coding: with no signals observed the ordinary bids rate her") {
  const auto bids_answered = [](int delay) {
    TraceScript s;
    for (int i = 0; i < 8; ++i)
      s.idle(delay).act(CaregiverAct::noticed).act(CaregiverAct::fitting).idle(15).rupture();
    return code_sensitivity(s.trace);
  };
  const auto prompt = bids_answered(0);
  CHECK(prompt.signals == 0);
  CHECK(prompt.ordinary == 8);
  CHECK(prompt.rating == 9.0);
  // Noticed only after 8 s: neither aware within the window nor prompt: 2/4 -> 5.
  CHECK(bids_answered(8).rating == 5.0);
  // One bid, the trace ending a second after the response (too soon to code what follows).
  const auto one_bid = [](CaregiverAct response) {
    TraceScript s;
    s.act(CaregiverAct::noticed).act(response);
    return code_sensitivity(s.trace);
  };
  // Every answer that is not appropriate scores awareness alone, 1/4 -> 3, however prompt
  // and well read (intrusive, rebuffed: 3/4 met; misread, disrupted: 2/4; mistimed: 1/4):
  // a caregiver who notices and then rebuffs is insensitive (Ainsworth 1974, anchors 1-3).
  CHECK(one_bid(CaregiverAct::intrusive).rating == 3.0);
  CHECK(one_bid(CaregiverAct::rebuffed).rating == 3.0);
  CHECK(one_bid(CaregiverAct::misread).rating == 3.0);
  CHECK(one_bid(CaregiverAct::disrupted).rating == 3.0);
  CHECK(one_bid(CaregiverAct::mistimed).rating == 3.0);
  CHECK(one_bid(CaregiverAct::fitting).rating == 9.0);
}

TEST_CASE("models/sensitivity_coding: a failed response leaves the infant unattended until she tries again") {
  // Each bid is answered intrusively and the next try comes 16 s later: the first bid
  // meets 3/4 but is not appropriate, so scores 1/4; each later one is late (neither
  // noticed within the window nor prompt) and not appropriate, 1/4; the stretch after the
  // last is missed, 0. 2/9: a 3 (1 + 8 x 2/9 = 2.8, to the nearest half point).
  TraceScript s;
  for (int i = 0; i < 8; ++i) s.act(CaregiverAct::noticed).act(CaregiverAct::intrusive).idle(15);
  const auto coding = code_sensitivity(s.trace);
  CHECK(coding.ordinary == 9);  // and the stretch after the last, missed
  CHECK(coding.ordinary_score == Approx(2.0 / 9.0));
  CHECK(coding.rating == 3.0);
}

TEST_CASE("models/sensitivity_coding: a frightening act is an occasion scored 0") {
  TraceScript s = sensitive_caregiver(3);
  const double before = code_sensitivity(s.trace).rating;
  s.act(CaregiverAct::frightening).act(CaregiverAct::noticed).act(CaregiverAct::fitting).idle(10);
  const auto coding = code_sensitivity(s.trace);
  CHECK(coding.ordinary == 3 * 2 + 2);  // the fright and the bid it left
  CHECK(coding.rating < before);
}

TEST_CASE("models/sensitivity_coding: a bid cut short before the window has passed is left out") {
  TraceScript cut, coded;
  cut.act(CaregiverAct::fitting)
      .idle(10)
      .rupture()
      .idle(kSensitivityWindowSeconds)
      .signal(true)
      .act(CaregiverAct::noticed)
      .act(CaregiverAct::fitting);
  coded.act(CaregiverAct::fitting)
      .idle(10)
      .rupture()
      .idle(kSensitivityWindowSeconds + 2)
      .signal(true)
      .act(CaregiverAct::noticed)
      .act(CaregiverAct::fitting);
  CHECK(code_sensitivity(cut.trace).ordinary == 1);    // the opening response only
  CHECK(code_sensitivity(coded.trace).ordinary == 2);  // and the missed bid
  CHECK(code_sensitivity(coded.trace).ordinary_score == 0.5);
}

TEST_CASE("models/sensitivity_coding: an empty trace cannot be rated") {
  const auto coding = code_sensitivity(SensitivityTrace{});
  CHECK(coding.signals == 0);
  CHECK(coding.ordinary == 0);
  CHECK(std::isnan(coding.rating));
}

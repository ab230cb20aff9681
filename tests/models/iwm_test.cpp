// The working model learns from constructed experience, and the strategy moves in the
// direction the theory says (Main 1990; Cassidy & Berlin 1994).
#include <catch2/catch.hpp>

#include <cmath>

#include "models/iwm.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

/// `days` days of `episodes` episodes each; `answered(day, i)` and `rejected(day, i)` say
/// what happened to each contact bid.
template <typename Answered, typename Rejected>
WorkingModel live_through(int days, int episodes, Answered answered, Rejected rejected) {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel m = newborn_working_model(p);
  for (int day = 0; day < days; ++day) {
    for (int i = 0; i < episodes; ++i) {
      EpisodeOutcome o;
      o.answered = answered(day, i);
      o.bid_answered = true;
      o.rejected = rejected(day, i);
      o.relieved = o.answered;
      o.relief_seconds = o.answered ? 10 : 120;
      learn_from_episode(m, o, p);
    }
    learn_end_of_day(m, p);
  }
  return m;
}

}  // namespace

TEST_CASE("models/iwm: consistently rebuffed bids deactivate the strategy") {
  auto rebuffed = live_through(300, 6, [](int, int) { return false; }, [](int, int) { return true; });
  auto answered = live_through(300, 6, [](int, int) { return true; }, [](int, int) { return false; });
  CHECK(rebuffed.rejection > 0.9);
  CHECK(rebuffed.deactivation > 0.9);
  CHECK(rebuffed.hyperactivation < 0.05);
  CHECK(answered.deactivation < 0.05);
  CHECK(answered.availability() > 0.95);
  CHECK(answered.efficacy > rebuffed.efficacy);
}

TEST_CASE("models/iwm: answers that come on some days and not others hyperactivate") {
  // Good and bad days alternate in runs of three: the between-day variance is large.
  auto intermittent = live_through(300, 6, [](int day, int) { return (day / 3) % 2 == 0; },
                                   [](int, int) { return false; });
  CHECK(intermittent.inconsistency > 0.6);
  CHECK(intermittent.hyperactivation > 0.5);
  CHECK(intermittent.deactivation < intermittent.hyperactivation);
}

TEST_CASE("models/iwm: a consistent caregiver seen through few episodes does not read as inconsistent") {
  // Every day the same: half the bids answered (alternating within the day). Binomial
  // noise would be large with 4 episodes a day, but the caregiver is consistent.
  auto steady = live_through(300, 4, [](int, int i) { return i % 2 == 0; }, [](int, int) { return false; });
  CHECK(steady.inconsistency < 0.05);
  CHECK(steady.availability() == Approx(0.5).margin(0.05));
}

TEST_CASE("models/iwm: fear rises with every frightening event, and one event alone stays small") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel once = newborn_working_model(p), often = once;
  learn_from_fright(once, p);
  for (int i = 0; i < 20; ++i) learn_from_fright(often, p);
  // Each event closes a share fear_rate of the gap to 1: 1 - (1 - eta)^n exactly.
  CHECK(once.fear == Approx(p.fear_rate));
  CHECK(often.fear == Approx(1.0 - std::pow(1.0 - p.fear_rate, 20)));
  CHECK(once.fear < 0.5 * often.fear);
}

TEST_CASE("models/iwm: comfort extinguishes fear and helplessness, and unanswered days do not") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel answered = newborn_working_model(p);
  answered.fear = answered.helplessness = 0.6;
  WorkingModel unanswered = answered;
  for (int day = 0; day < 30; ++day) {
    // Four episodes a day, all answered in one life and none in the other.
    for (int e = 0; e < 4; ++e) {
      learn_from_episode(answered, EpisodeOutcome{true, false, false, 5, true}, p);
      learn_from_episode(unanswered, EpisodeOutcome{false, false, false, 5, true}, p);
    }
    learn_end_of_day(answered, p);
    learn_end_of_day(unanswered, p);
  }
  CHECK(answered.fear == Approx(0.6 * std::pow(1.0 - p.fear_decay, 30)));
  CHECK(answered.helplessness == Approx(0.6 * std::pow(1.0 - p.fear_decay, 30)));
  CHECK(unanswered.fear == Approx(0.6));
}

TEST_CASE("models/iwm: distress left without comfort past the overwhelm time teaches helplessness, and short or comforted spells do not") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel long_spells = newborn_working_model(p), short_spells = long_spells, comforted_spells = long_spells;
  const int overwhelm = static_cast<int>(p.overwhelm_time);
  for (int e = 0; e < 50; ++e) {
    learn_from_episode(long_spells, EpisodeOutcome{false, false, false, overwhelm + 1, false, false}, p);
    learn_from_episode(short_spells, EpisodeOutcome{false, false, false, overwhelm - 1, true, false}, p);
    // A reactive infant slow to calm although the caregiver answered.
    learn_from_episode(comforted_spells, EpisodeOutcome{false, false, false, 3 * overwhelm, true, true}, p);
  }
  CHECK(long_spells.helplessness == Approx(1.0 - std::pow(1.0 - p.helplessness_rate, 50)));
  CHECK(short_spells.helplessness == 0.0);
  CHECK(comforted_spells.helplessness == 0.0);
}

TEST_CASE("models/iwm: the strategy moves as far as the day's evidence: a caregiver seen less is known less surely") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel often = newborn_working_model(p), seldom = often;
  for (int day = 0; day < 60; ++day) {
    // Every bid rebuffed and unanswered, with one caregiver eight times a day, the other once.
    for (int e = 0; e < 8; ++e) learn_from_episode(often, EpisodeOutcome{false, true, true, 20, true}, p);
    learn_from_episode(seldom, EpisodeOutcome{false, true, true, 20, true}, p);
    learn_end_of_day(often, p);
    learn_end_of_day(seldom, p);
  }
  CHECK(often.deactivation > seldom.deactivation + 0.1);
}

TEST_CASE("models/iwm: the strategy shapes the signals") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel none = newborn_working_model(p), minimizing = none, maximizing = none;
  minimizing.deactivation = 1.0;
  maximizing.hyperactivation = 1.0;
  CHECK(signal_style(minimizing, p).salience_scale < signal_style(none, p).salience_scale);
  CHECK(signal_style(minimizing, p).threshold_scale > signal_style(none, p).threshold_scale);
  CHECK(signal_style(maximizing, p).salience_scale > signal_style(none, p).salience_scale);
  CHECK(signal_style(maximizing, p).threshold_scale < signal_style(none, p).threshold_scale);
  CHECK(signal_style(maximizing, p).soothability_scale < 1.0);
}

// The working model learns from constructed experience, and the strategy moves in the
// direction the theory says (Main 1990; Cassidy & Berlin 1994).
#include <catch2/catch.hpp>

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

TEST_CASE("models/iwm: fear rises at frightening events and fades slowly") {
  const IwmParameters p = default_parameters().iwm;
  WorkingModel m = newborn_working_model(p);
  for (int i = 0; i < 5; ++i) learn_from_fright(m, p);
  const double frightened = m.fear;
  CHECK(frightened > 0.8);
  for (int day = 0; day < 30; ++day) learn_end_of_day(m, p);
  CHECK(m.fear < frightened);
  CHECK(m.fear > 0.5 * frightened);  // half-life about ten weeks, not days
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

// Caregiver sensitivity: each component can fail on its own, and stress, depression
// and the day's availability act on the components the brief says they act on.
#include <catch2/catch.hpp>

#include "models/caregiver.hpp"
#include "models/parameter_table.hpp"
#include "models/stressors.hpp"

using namespace attune;

TEST_CASE("models/caregiver: depression lowers noticing, promptness and repair, not reading") {
  Parameters p = default_parameters();
  StressorState depressed;
  depressed.depression_days_left = 10;
  const auto well = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  const auto low = caregiver_day(p.caregiver, p.stressors, depressed, 0.0, 1.0);
  CHECK(low.detection < well.detection);
  CHECK(low.promptness < well.promptness);
  CHECK(low.repair < well.repair);
  CHECK(low.reading == well.reading);
  CHECK(low.fit == well.fit);
}

TEST_CASE("models/caregiver: stress lowers every component and raises rejection") {
  Parameters p = default_parameters();
  const auto calm = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  const auto strained = caregiver_day(p.caregiver, p.stressors, StressorState{}, 2.0, 1.0);
  CHECK(strained.detection < calm.detection);
  CHECK(strained.reading < calm.reading);
  CHECK(strained.promptness < calm.promptness);
  CHECK(strained.fit < calm.fit);
  CHECK(strained.rejection > calm.rejection);
}

TEST_CASE("models/caregiver: a low-availability day lowers noticing and promptness") {
  Parameters p = default_parameters();
  const auto usual = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  const auto away = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 0.2);
  CHECK(away.detection == Approx(0.2 * usual.detection));
  CHECK(away.promptness == Approx(0.2 * usual.promptness));
}

TEST_CASE("models/caregiver: violence adds frightening events") {
  Parameters p = default_parameters();
  StressorState violence;
  violence.violence_days_left = 5;
  const auto peace = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  const auto during = caregiver_day(p.caregiver, p.stressors, violence, 0.0, 1.0);
  CHECK(during.frightening_per_second > peace.frightening_per_second);
}

TEST_CASE("models/stressors: crying and violence raise stress, support lowers it") {
  Parameters p = default_parameters();
  StressorState none, violence;
  violence.violence_days_left = 3;
  const double base = next_day_stress(1.0, p.caregiver, p.stressors, none, 0.0);
  CHECK(next_day_stress(1.0, p.caregiver, p.stressors, none, 60.0) > base);
  CHECK(next_day_stress(1.0, p.caregiver, p.stressors, violence, 0.0) > base);
  CaregiverParameters supported = p.caregiver;
  supported.support = 4.0;
  CHECK(next_day_stress(1.0, supported, p.stressors, none, 0.0) < base);
}

TEST_CASE("models/stressors: episodes start at their yearly rate") {
  // Share of days in a depressive episode at equilibrium is r D / (1 + r D) with
  // r the daily onset rate and D the mean duration; checked over 200 caregiver-years
  // with a tolerance of 5 standard errors of the day share (episodes are long, so the
  // SE is taken over episodes: ~sqrt(n_episodes) relative error).
  Parameters p = default_parameters();
  p.stressors.depression_onset = 2.0;
  p.stressors.depression_duration = 30.0;
  Rng rng = make_stream(5, 0, StreamPurpose::life);
  StressorState state;
  long depressed_days = 0, days = 0, onsets = 0;
  for (int year = 0; year < 200; ++year) {
    for (int d = 0; d < 365; ++d) {
      const bool before = state.depressed();
      advance_stressors_one_day(state, p.stressors, rng);
      onsets += !before && state.depressed();
      depressed_days += state.depressed();
      ++days;
    }
  }
  const double r = 2.0 / 365.25, D = 30.0;
  const double expected = r * D / (1.0 + r * D);
  const double share = double(depressed_days) / days;
  CHECK(share == Approx(expected).margin(5.0 * expected / std::sqrt(double(onsets))));
}

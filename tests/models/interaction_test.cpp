// Unit tests of the 1-second micro-model: each mechanism can be switched off or
// pushed to an extreme, and the test checks the direction it must move things.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "models/bout_context.hpp"
#include "models/caregiver.hpp"
#include "models/interaction.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

struct BoutRun {
  InteractionCounts counts;
  WorkingModel model;
};

/// Runs `bouts` bouts of the default dyad at `age_months` after `adjust` edits the
/// caregiver's day.
template <typename Adjust>
BoutRun run_default_bouts(int bouts, Adjust adjust, double age_months = 6.0, std::uint64_t seed = 11) {
  Parameters p = default_parameters();
  CaregiverDay day = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  BoutRun run{InteractionCounts{}, newborn_working_model(p.iwm)};
  BoutContext context = bout_context(p, age_months, day, signal_style(run.model, p.iwm), false);
  adjust(context);
  Rng rng = make_stream(seed, 0, StreamPurpose::life);
  for (int b = 0; b < bouts; ++b) run_bout(300, context, rng, run.counts, run.model, p.iwm);
  return run;
}

const auto kUnchanged = [](BoutContext&) {};

/// Signal episodes begun in `bouts` bouts of the default dyad at 6 months.
template <typename Adjust>
int signal_episodes(int bouts, Adjust adjust) {
  Parameters p = default_parameters();
  CaregiverDay day = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  WorkingModel model = newborn_working_model(p.iwm);
  BoutContext context = bout_context(p, 6.0, day, signal_style(model, p.iwm), false);
  adjust(context);
  Rng rng = make_stream(11, 0, StreamPurpose::life);
  InteractionCounts counts;
  int episodes = 0;
  bool signalling = false;
  for (int b = 0; b < bouts; ++b)
    run_bout(300, context, rng, counts, model, p.iwm,
             [&](int, const InteractionState& s, SecondEvents) {
               episodes += s.signalling && !signalling;
               signalling = s.signalling;
             });
  return episodes;
}

}  // namespace

TEST_CASE("models/interaction: a caregiver who never detects cues produces no repairs") {
  auto run = run_default_bouts(50, [](BoutContext& c) { c.detection = 0.0; });
  CHECK(run.counts.ruptures > 0);
  CHECK(run.counts.repairs == 0);
  CHECK(run.counts.matched_seconds == 0);
  auto normal = run_default_bouts(50, kUnchanged);
  CHECK(normal.counts.repairs > 100);
}

TEST_CASE("models/interaction: misread cues never repair") {
  auto run = run_default_bouts(50, [](BoutContext& c) { c.reading = 0.0; });
  CHECK(run.counts.repairs == 0);
}

TEST_CASE("models/interaction: ill-fitting responses never repair and over-arouse") {
  auto unfit = run_default_bouts(50, [](BoutContext& c) { c.fit = 0.0; });
  auto normal = run_default_bouts(50, kUnchanged);
  CHECK(unfit.counts.repairs == 0);
  CHECK(unfit.counts.arousal_sum / unfit.counts.seconds > normal.counts.arousal_sum / normal.counts.seconds);
}

TEST_CASE("models/interaction: responses outside the contingency window do not regulate") {
  // Replayed responses (Murray & Trevarthen 1985) and a zero window both fail.
  auto replay = run_default_bouts(50, [](BoutContext& c) { c.contingency = 0.0; });
  CHECK(replay.counts.repairs == 0);
  auto no_window = run_default_bouts(50, [](BoutContext& c) { c.contingency_window = 0; });
  CHECK(no_window.counts.repairs == 0);
  auto live = run_default_bouts(50, kUnchanged);
  // Without contingent responses ruptures go unrepaired: no co-regulation, and
  // frustration builds (Murray & Trevarthen 1985: replay distresses the infant).
  CHECK(live.counts.arousal_sum < replay.counts.arousal_sum);
}

TEST_CASE("models/interaction: prompter caregivers repair faster") {
  auto slow = run_default_bouts(100, [](BoutContext& c) { c.promptness = 0.2; });
  auto fast = run_default_bouts(100, [](BoutContext& c) { c.promptness = 0.9; });
  CHECK(interaction_metrics(fast.counts).median_repair_latency <
        interaction_metrics(slow.counts).median_repair_latency);
}

TEST_CASE("models/interaction: re-attuning after a failed response shortens ruptures") {
  auto never = run_default_bouts(100, [](BoutContext& c) { c.repair = 0.0; });
  auto always = run_default_bouts(100, [](BoutContext& c) { c.repair = 1.0; });
  CHECK(interaction_metrics(always.counts).matched_share > interaction_metrics(never.counts).matched_share);
}

TEST_CASE("models/interaction: tracking the infant's changes of state prevents ruptures") {
  auto untracked = run_default_bouts(50, [](BoutContext& c) { c.tracking = 0.0; });
  auto tracked = run_default_bouts(50, [](BoutContext& c) { c.tracking = 1.0; });
  CHECK(tracked.counts.ruptures < untracked.counts.ruptures / 2);
}

TEST_CASE("models/interaction: rebuffed contact bids teach the infant to expect rejection") {
  auto rebuffed = run_default_bouts(400, [](BoutContext& c) { c.rejection = 1.0; });
  auto accepted = run_default_bouts(400, [](BoutContext& c) { c.rejection = 0.0; });
  CHECK(rebuffed.model.rejection > 0.8);
  CHECK(accepted.model.rejection < 0.05);
  CHECK(rebuffed.model.availability() < accepted.model.availability());
}

TEST_CASE("models/interaction: frightening events teach fear") {
  auto frightened = run_default_bouts(20, [](BoutContext& c) { c.frightening = 1.0 / 600.0; c.disruption = 0.0; });
  auto safe = run_default_bouts(20, [](BoutContext& c) { c.frightening = 0.0; c.disruption = 0.0; });
  CHECK(frightened.model.fear > 0.5);
  CHECK(safe.model.fear == 0.0);
}

TEST_CASE("models/interaction: an unresolved caregiver's fright comes with the infant's distress, not in calm") {
  // The same rate in distress only: an infant that never reaches its threshold meets none.
  auto calm = run_default_bouts(20, [](BoutContext& c) {
    // Nothing raises arousal: no onsets, no noise, no frustration, no intrusion.
    c.fright_in_distress = 0.5;
    c.distress_onset = 0.0;
    c.arousal_noise = 0.0;
    c.mismatch_drive = 0.0;
    c.fit = 1.0;
    c.disruption = 0.0;
  });
  auto distressed = run_default_bouts(20, [](BoutContext& c) { c.fright_in_distress = 0.5; c.disruption = 0.0; });
  CHECK(calm.model.fear == 0.0);
  CHECK(distressed.model.fear > 0.3);
}

TEST_CASE("models/interaction: disrupted responses teach fear, and only when there are some") {
  auto disrupted = run_default_bouts(20, [](BoutContext& c) { c.disruption = 0.5; c.frightening = 0.0; });
  auto clear = run_default_bouts(20, [](BoutContext& c) { c.disruption = 0.0; c.frightening = 0.0; });
  CHECK(disrupted.model.fear > 0.1);
  CHECK(clear.model.fear == 0.0);
}

TEST_CASE("models/interaction: arousal recovers faster at 9 months than at 1 month with no caregiver") {
  Parameters p = default_parameters();
  auto seconds_to_calm = [&](double age_months) {
    BoutContext c{};
    c.self_regulation = self_regulation_rate(p.infant, age_months);
    c.cue_threshold = p.infant.cue_threshold;
    c.crying_arousal = p.infant.crying_arousal;
    InteractionState s;
    s.matched = true;  // no frustration drive: the infant's own regulation alone
    s.arousal = 2.0;
    Rng rng = make_stream(1, 0, StreamPurpose::life);
    int t = 0;
    while (s.arousal > 0.2 && t < 100000) {
      detail::regulate(s, step_rates(c), standard_normal(rng));  // noise is zero in c: a deterministic decay
      ++t;
    }
    return t;
  };
  CHECK(seconds_to_calm(9.0) < seconds_to_calm(1.0) / 2);
}

TEST_CASE("models/interaction: reactive infants spend more time at crying arousal") {
  auto calm = run_default_bouts(200, [](BoutContext& c) { c.distress_size *= 0.5; c.arousal_noise *= 0.5; });
  auto reactive = run_default_bouts(200, [](BoutContext& c) { c.distress_size *= 2.0; c.arousal_noise *= 2.0; });
  CHECK(reactive.counts.high_arousal_seconds > 2 * calm.counts.high_arousal_seconds);
}

TEST_CASE("models/interaction: soothable infants calm faster under attuned care") {
  auto hard = run_default_bouts(200, [](BoutContext& c) { c.coregulation = 0.0; });
  auto easy = run_default_bouts(200, [](BoutContext& c) { c.coregulation *= 4.0; });
  CHECK(easy.counts.arousal_sum < hard.counts.arousal_sum);
}

TEST_CASE("models/interaction: more salient cues are noticed sooner") {
  auto faint = run_default_bouts(200, [](BoutContext& c) { c.cue_base = 0.1; c.cue_gain = 0.1; });
  auto salient = run_default_bouts(200, [](BoutContext& c) { c.cue_base = 1.0; });
  CHECK(interaction_metrics(salient.counts).median_repair_latency <
        interaction_metrics(faint.counts).median_repair_latency);
}

TEST_CASE("models/interaction: distress onsets spread over [(1 - w), (1 + w)] x their mean size") {
  Parameters p = default_parameters();
  WorkingModel model = newborn_working_model(p.iwm);
  // Each second's rise in arousal: with an onset every second and nothing else in the
  // context (no regulation, no soothing), it is exactly that second's onset size.
  auto onset_sizes = [&](double width) {
    BoutContext c{};
    c.distress_onset = 1.0;
    c.distress_size = 0.5;
    c.distress_width = width;
    InteractionState s;
    InteractionCounts counts;
    Rng rng = make_stream(3, 0, StreamPurpose::life);
    std::vector<double> sizes;
    for (int t = 0; t < 200; ++t) {
      const double before = s.arousal;
      detail::infant_events(s, step_rates(c), uniform01(rng), counts, model, p.iwm);
      sizes.push_back(s.arousal - before);
    }
    return sizes;
  };
  for (double size : onset_sizes(0.0)) CHECK(size == Approx(0.5));  // every onset exactly the mean
  const auto spread = onset_sizes(0.5);
  const auto [smallest, largest] = std::minmax_element(spread.begin(), spread.end());
  CHECK(*smallest >= 0.25 - 1e-12);  // (1 - w) x mean
  CHECK(*largest <= 0.75 + 1e-12);   // (1 + w) x mean
  // 200 uniform draws cover most of the interval: each end is missed by all of them with
  // probability 0.9^200 (about 7e-10) when the bound is 0.05 inside it.
  CHECK(*smallest < 0.30);
  CHECK(*largest > 0.70);
}

TEST_CASE("models/interaction: a higher hysteresis ends signal episodes sooner, so more begin") {
  const int low = signal_episodes(50, [](BoutContext& c) { c.signal_hysteresis = 0.1; });
  const int high = signal_episodes(50, [](BoutContext& c) { c.signal_hysteresis = 0.95; });
  CHECK(high > low);
}

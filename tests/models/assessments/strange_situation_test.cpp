// The Strange Situation driven directly: constructed infants (working models) meet
// constructed caregivers (bout contexts) through the same per-second step as daily life,
// and the coder reads the behaviour. Each case runs kProcedures procedures from fixed
// seeds; a class share over 300 independent procedures has a binomial SE of at most
// 0.029, so the class checks (a majority, or below 0.2 against about 0.05) are 5 SEs and
// more from where the mechanism puts them. A scale score (1-7) has an SD of at most 3,
// so a mean of 300 has an SE of at most 0.17 (0.25 for a difference of two): the margins
// of 1 and 2 points between scale means are at least 4 SEs.
#include <catch2/catch.hpp>

#include <array>

#include "models/assessments/strange_situation.hpp"
#include "models/dyad_life.hpp"
#include "models/bout_context.hpp"
#include "models/caregiver.hpp"
#include "models/parameter_table.hpp"
#include "models/stressors.hpp"

using namespace attune;

namespace {

constexpr int kProcedures = 300;

struct Outcome {
  std::array<double, 4> share{};  ///< A, B, C, D
  double contact_maintaining = 0, proximity_seeking = 0, avoidance = 0, resistance = 0, disorganization = 0;
  double of(char c) const { return share[c - 'A']; }
};

/// An infant of 12 months with the given working model meets a caregiver whose day has
/// the given sensitivity; `adjust` changes that caregiver's bout context.
template <typename Adjust>
Outcome procedures(const WorkingModel& model, Adjust adjust) {
  const Parameters p = default_parameters();
  const CaregiverDay day = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
  BoutContext caregiver = bout_context(p, 12.0, day, signal_style(model, p.iwm), false);
  adjust(caregiver);
  Outcome o;
  for (int i = 0; i < kProcedures; ++i) {
    Rng rng = make_stream(99, static_cast<std::uint64_t>(i), StreamPurpose::strange_situation);
    const auto result = run_strange_situation(p, model, caregiver, rng);
    o.share[char(result.coding.classification) - 'A'] += 1.0 / kProcedures;
    const auto& r = result.coding.reunion2;
    o.contact_maintaining += double(r.contact_maintaining) / kProcedures;
    o.proximity_seeking += double(r.proximity_seeking) / kProcedures;
    o.avoidance += double(r.avoidance) / kProcedures;
    o.resistance += double(r.resistance) / kProcedures;
    o.disorganization += double(result.coding.disorganization) / kProcedures;
  }
  return o;
}

WorkingModel learned(double deactivation, double hyperactivation, double fear) {
  WorkingModel m = newborn_working_model(default_parameters().iwm);
  m.deactivation = deactivation;
  m.hyperactivation = hyperactivation;
  m.fear = fear;
  return m;
}

auto sensitive = [](BoutContext& c) {
  c.detection = c.promptness = c.reading = c.fit = c.tracking = c.repair = 0.9;
  c.rejection = 0.0;
  c.disruption = c.frightening = c.fright_in_distress = 0.0;
};

}  // namespace

TEST_CASE("models/ssp: an infant with no defensive strategy and a sensitive caregiver is secure") {
  const Outcome o = procedures(learned(0, 0, 0), sensitive);
  INFO("A " << o.of('A') << " B " << o.of('B') << " C " << o.of('C') << " D " << o.of('D'));
  CHECK(o.of('B') > 0.8);
  CHECK(o.contact_maintaining > o.avoidance + 1);
}

TEST_CASE("models/ssp: the strategy the infant brings shows in the reunions") {
  const Outcome minimizing = procedures(learned(0.9, 0, 0), sensitive);
  const Outcome maximizing = procedures(learned(0, 0.9, 0), sensitive);
  const Outcome frightened = procedures(learned(0, 0, 0.8), sensitive);
  INFO("minimizing A " << minimizing.of('A') << ", maximizing C " << maximizing.of('C') << ", frightened D "
                       << frightened.of('D'));
  CHECK(minimizing.of('A') > 0.5);
  CHECK(maximizing.of('C') > 0.5);
  CHECK(frightened.of('D') > 0.5);
  CHECK(minimizing.avoidance > maximizing.avoidance + 2);
  CHECK(maximizing.resistance > minimizing.resistance + 2);
}

TEST_CASE("models/ssp: what the caregiver does in the reunion changes the same infant's behaviour") {
  const WorkingModel ordinary = learned(0.2, 0.2, 0.1);
  const Outcome answered = procedures(ordinary, sensitive);
  const Outcome unnoticed = procedures(ordinary, [](BoutContext& c) {
    sensitive(c);
    c.detection = 0.0;
  });
  // Contact comes only through the caregiver's response: a caregiver who never notices
  // is never in contact, and the distressed infant keeps seeking her.
  CHECK(unnoticed.contact_maintaining == Approx(1.0));
  CHECK(answered.contact_maintaining > 1.5);
  CHECK(unnoticed.proximity_seeking > answered.proximity_seeking + 1);
  // Fright during the reunion itself is met with conflict behaviour: the rating rises.
  const Outcome frightening = procedures(ordinary, [](BoutContext& c) {
    sensitive(c);
    c.fright_in_distress = 1.0;
  });
  CHECK(frightening.disorganization > answered.disorganization + 1);
}

TEST_CASE("models/ssp: the fear one frightening event teaches does not by itself make an infant disorganized") {
  WorkingModel once = learned(0, 0, 0);
  learn_from_fright(once, default_parameters().iwm);
  const Outcome o = procedures(once, sensitive);
  INFO("D after one frightening event " << o.of('D'));
  CHECK(o.of('D') < 0.2);
}

TEST_CASE("models/ssp: a Strange Situation in mid-life leaves the rest of the life as it was") {
  // The procedure runs through the daily step on a copy of the working model and from a
  // stream of its own: the life with it scheduled at 6 months and without must end the
  // same, bit for bit.
  const Parameters p = default_parameters();
  LifePlan plan;
  plan.span_days = 300;
  plan.bouts_per_day = 3;
  plan.bout_seconds = 120;
  LifePlan assessed = plan;
  assessed.strange_situations = 1;
  assessed.strange_situation_days[0] = assessment_day(6.0);
  for (std::uint64_t id = 0; id < 4; ++id) {
    DyadRecord without, with;
    simulate_dyad(plan, p, 17, id, without);
    simulate_dyad(assessed, p, 17, id, with);
    REQUIRE(with.strange_situations == 1);
    CHECK(with.interaction.arousal_sum == without.interaction.arousal_sum);
    CHECK(with.interaction.ruptures == without.interaction.ruptures);
    CHECK(with.iwm_final.deactivation == without.iwm_final.deactivation);
    CHECK(with.iwm_final.fear == without.iwm_final.fear);
    CHECK(with.iwm_final.availability() == without.iwm_final.availability());
  }
}

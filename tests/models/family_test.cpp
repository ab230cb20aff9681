// The family graph's daily propagation of stress and support (models/family.hpp),
// against hand computations and the closed-form steady state.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/family.hpp"
#include "models/parameter_table.hpp"
#include "models/stressors.hpp"

using namespace attune;

namespace {

/// Caregivers 0 and 1, optionally a support (vertex 2), with the given ties.
Family two_parents(bool with_support) {
  Family family;
  family.caregivers = 2;
  family.share_of_bouts = {0.7, 0.3};
  family.graph = FamilyGraph(with_support ? 3 : 2);
  return family;
}

CaregiverParameters traits(double recovery, double support, double impact) {
  CaregiverParameters c = default_parameters().caregiver;
  c.stress_recovery = recovery;
  c.support = support;
  c.stress_impact = impact;
  return c;
}

}  // namespace

TEST_CASE("models/family: without edges each caregiver's day is next_day_stress") {
  const Family family = two_parents(false);
  const Parameters p = default_parameters();
  const CaregiverParameters mother = traits(0.1, 0.5, 0.5), father = traits(0.05, 0.0, 0.8);
  StressorState state;
  state.violence_days_left = 3;
  std::array<CaregiverStress, kMaxCaregivers> s{};
  s[0] = {&mother, daily_stress_load(mother, p.stressors, state, 4.0), 1.3};
  s[1] = {&father, daily_stress_load(father, p.stressors, state, 1.5), 0.4};
  advance_family_stress(family, s);
  CHECK(s[0].stress == Approx(next_day_stress(1.3, mother, p.stressors, state, 4.0)).epsilon(1e-15));
  CHECK(s[1].stress == Approx(next_day_stress(0.4, father, p.stressors, state, 1.5)).epsilon(1e-15));
}

TEST_CASE("models/family: spillover and buffering match a hand computation") {
  Family family = two_parents(true);
  boost::add_edge(1, 0, FamilyTie{0.3, 0.2}, family.graph);  // father -> mother
  boost::add_edge(2, 0, FamilyTie{0.0, 0.5}, family.graph);  // grandmother -> mother
  const CaregiverParameters mother = traits(0.1, 0.5, 0.5), father = traits(0.1, 0.5, 0.5);
  std::array<CaregiverStress, kMaxCaregivers> s{};
  s[0] = {&mother, 0.05, 1.0};
  s[1] = {&father, 0.10, 2.0};
  advance_family_stress(family, s);
  // Mother: support 0.2 e^{-0.5*2} (a strained father) + 0.5 (grandmother) = 0.57357588823;
  // R = 0.1 (1 + 0.5 + 0.57357588823) = 0.207357588823;
  // s' = 1.0 (1 - R) + 0.05 + R * 0.3 * 2.0 = 0.967056964 (to 9 places).
  CHECK(s[0].stress == Approx(0.9670569641).epsilon(1e-9));
  // Father: no ties into him: 2.0 (1 - 0.15) + 0.10.
  CHECK(s[1].stress == Approx(1.8).epsilon(1e-12));
}

TEST_CASE("models/family: mutual ties use today's levels, whatever the order of the caregivers") {
  const CaregiverParameters a = traits(0.1, 0.5, 0.5), b = traits(0.2, 0.1, 0.3);
  Family forward = two_parents(false), backward = two_parents(false);
  boost::add_edge(0, 1, FamilyTie{0.4, 0.1}, forward.graph);
  boost::add_edge(1, 0, FamilyTie{0.2, 0.3}, forward.graph);
  boost::add_edge(1, 0, FamilyTie{0.4, 0.1}, backward.graph);
  boost::add_edge(0, 1, FamilyTie{0.2, 0.3}, backward.graph);
  std::array<CaregiverStress, kMaxCaregivers> f{}, g{};
  f[0] = {&a, 0.07, 0.9};
  f[1] = {&b, 0.02, 0.3};
  g[0] = f[1];
  g[1] = f[0];
  advance_family_stress(forward, f);
  advance_family_stress(backward, g);
  CHECK(f[0].stress == g[1].stress);
  CHECK(f[1].stress == g[0].stress);
}

TEST_CASE("models/family: a stress edge raises the steady state to s = (I - W)^-1 L / R") {
  // Constant loads: the fixed point of s_i' = s_i (1 - R_i) + L_i + R_i sum_j W_ji s_j.
  Family family = two_parents(false);
  boost::add_edge(0, 1, FamilyTie{0.5, 0.0}, family.graph);  // the stressed mother's stress reaches the father
  const CaregiverParameters mother = traits(0.02, 0.0, 0.5), father = traits(0.1, 0.0, 0.5);
  std::array<CaregiverStress, kMaxCaregivers> s{};
  s[0] = {&mother, 0.06, 0.0};
  s[1] = {&father, 0.02, 0.0};
  for (int day = 0; day < 3000; ++day) advance_family_stress(family, s);
  const double mother_alone = 0.06 / 0.02, father_alone = 0.02 / 0.1;  // 3.0 and 0.2
  CHECK(s[0].stress == Approx(mother_alone).epsilon(1e-9));
  CHECK(s[1].stress == Approx(father_alone + 0.5 * mother_alone).epsilon(1e-9));  // 1.7, not 0.2
}

TEST_CASE("models/family: bouts go to each caregiver by its share") {
  Family family;
  family.caregivers = 3;
  family.share_of_bouts = {0.5, 0.3, 0.2};
  Rng rng = make_stream(11, 0, StreamPurpose::family);
  constexpr int kBouts = 40000;
  std::array<int, 3> counts{};
  for (int i = 0; i < kBouts; ++i) ++counts[bout_caregiver(family, rng)];
  for (int k = 0; k < 3; ++k) {
    // Binomial: within 4 standard errors (a false alarm about once in 16 000 runs; the seed is fixed).
    const double p = family.share_of_bouts[k];
    CHECK(std::abs(counts[k] / double(kBouts) - p) < 4.0 * std::sqrt(p * (1 - p) / kBouts));
  }
}

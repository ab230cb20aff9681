// Interventions change parameters from their start on, for the dyads enrolled; the
// arms of a comparison live the same lives until then.
#include <catch2/catch.hpp>

#include <utility>

#include "models/dyad_life.hpp"
#include "models/intervention.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

std::size_t index_of(const char* group, const char* name) { return *find_parameter(group, name); }

Intervention raise_detection(int from_day, double amount) {
  Intervention intervention;
  intervention.from_day = from_day;
  intervention.changes = 1;
  intervention.change[0] = {index_of("caregiver", "detection"), ChangeKind::add, amount};
  return intervention;
}

/// A short life of `span_days`, and the same life with detection raised from `from_day`.
std::pair<LifePlan, LifePlan> untreated_and_treated(int span_days, int bouts_per_day, int from_day) {
  LifePlan plan;
  plan.span_days = span_days;
  plan.bouts_per_day = bouts_per_day;
  plan.bout_seconds = 120;
  LifePlan treated = plan;
  treated.interventions.count = 1;
  treated.interventions.intervention[0] = raise_detection(from_day, 0.3);
  return {plan, treated};
}

InterventionCourse enrolled_course() {
  InterventionCourse course;
  course.enrolled.fill(true);
  course.start_day.fill(-1);
  return course;
}

}  // namespace

TEST_CASE("models/intervention: set, add and scale, held inside the parameter's range") {
  Parameters p = default_parameters();
  p.caregiver.detection = 0.5;
  p.caregiver.repair = 0.4;
  p.caregiver.stress_recovery = 0.1;
  Intervention intervention;
  intervention.changes = 3;
  intervention.change[0] = {index_of("caregiver", "detection"), ChangeKind::add, 0.7};      // 1.2 -> max 1
  intervention.change[1] = {index_of("caregiver", "repair"), ChangeKind::set, 0.9};
  intervention.change[2] = {index_of("caregiver", "stress_recovery"), ChangeKind::scale, 2.5};
  apply_intervention(intervention, p);
  CHECK(p.caregiver.detection == 1.0);
  CHECK(p.caregiver.repair == 0.9);
  CHECK(p.caregiver.stress_recovery == Approx(0.25));
  CHECK(p.caregiver.reading == default_parameters().caregiver.reading);  // untouched
}

TEST_CASE("models/intervention: starts on its day, once, and only for enrolled dyads") {
  InterventionPlan plan;
  plan.count = 1;
  plan.intervention[0] = raise_detection(10, 0.1);
  Parameters p = default_parameters();
  const double before = p.caregiver.detection;
  InterventionCourse course = enrolled_course();
  for (int day = 0; day < 30; ++day) advance_interventions(plan, course, day, 0.0, p);
  CHECK(course.start_day[0] == 10);
  CHECK(course.first_start_day == 10);
  CHECK(p.caregiver.detection == Approx(before + 0.1));  // applied once, not every day

  Parameters untouched = default_parameters();
  InterventionCourse not_enrolled = enrolled_course();
  not_enrolled.enrolled[0] = false;
  for (int day = 0; day < 30; ++day) advance_interventions(plan, not_enrolled, day, 0.0, untouched);
  CHECK(not_enrolled.first_start_day == -1);
  CHECK(untouched.caregiver.detection == before);
}

TEST_CASE("models/intervention: a stress-triggered service waits for a run of high-stress days") {
  InterventionPlan plan;
  plan.count = 1;
  plan.intervention[0] = raise_detection(0, 0.1);
  plan.intervention[0].stress_above = 0.5;
  plan.intervention[0].for_days = 3;
  Parameters p = default_parameters();
  InterventionCourse course = enrolled_course();
  // Two high days, a low one (the run restarts), then three high days: starts on the third.
  const double stress[] = {0.9, 0.9, 0.1, 0.9, 0.9, 0.9, 0.9};
  for (int day = 0; day < 7; ++day) advance_interventions(plan, course, day, stress[day], p);
  CHECK(course.start_day[0] == 5);
}

TEST_CASE("models/intervention: a treated life equals the untreated one until the start, then differs") {
  auto [plan, treated] = untreated_and_treated(150, 3, assessment_day(3.0));
  const Parameters p = default_parameters();
  DyadRecord control, arm;
  simulate_dyad(plan, p, 11, 3, control);
  simulate_dyad(treated, p, 11, 3, arm);
  CHECK(control.treatment_start_day == -1);
  CHECK(arm.treatment_start_day == assessment_day(3.0));
  CHECK(arm.parameters.caregiver.detection == p.caregiver.detection);  // the drawn value is kept
  REQUIRE(arm.months == control.months);
  for (int m = 0; m < 2; ++m) {  // months 1-2 end before day 91, the start (month 3 holds it)
    INFO("month " << m + 1);
    CHECK(arm.development[m].interaction.arousal_sum == control.development[m].interaction.arousal_sum);
    CHECK(arm.development[m].iwm.availability() == control.development[m].iwm.availability());
  }
  CHECK(arm.development[4].interaction.arousal_sum != control.development[4].interaction.arousal_sum);

  // Uptake 0: nobody takes it up, and the life is the control's to the last bit.
  treated.interventions.intervention[0].uptake = 0.0;
  DyadRecord refused;
  simulate_dyad(treated, p, 11, 3, refused);
  CHECK(refused.treatment_start_day == -1);
  CHECK(refused.interaction.arousal_sum == control.interaction.arousal_sum);
}

TEST_CASE("models/intervention: a treated dyad meets the same life events on the same days as its control") {
  const auto [plan, treated] = untreated_and_treated(365, 2, assessment_day(1.0));
  Parameters p = default_parameters();
  // Frequent events, so that every dyad has some of each after the start.
  p.stressors.depression_onset = 2.0;
  p.stressors.violence_onset = 4.0;
  p.stressors.illness_onset = 8.0;
  for (std::uint64_t id = 0; id < 8; ++id) {
    INFO("dyad " << id);
    DyadRecord control, arm;
    simulate_dyad(plan, p, 5, id, control);
    simulate_dyad(treated, p, 5, id, arm);
    REQUIRE(arm.treatment_start_day == assessment_day(1.0));
    CHECK(arm.interaction.arousal_sum != control.interaction.arousal_sum);  // the bouts did part ways
    CHECK(control.days_ill > 0);
    CHECK(arm.days_ill == control.days_ill);
    CHECK(arm.days_violence == control.days_violence);
    CHECK(arm.days_depressed == control.days_depressed);
  }
}

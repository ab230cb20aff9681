#include "models/dyad_life.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/assessments/still_face.hpp"
#include "models/assessments/strange_situation.hpp"
#include "models/bout_context.hpp"
#include "models/caregiver.hpp"
#include "models/family.hpp"
#include "models/interaction.hpp"
#include "models/stressors.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

namespace {

/// Records the seconds of one bout of the traced day.
struct TraceRecorder {
  std::vector<TraceSecond>& seconds;
  int bout;
  void operator()(int t, const InteractionState& s, const InteractionCounts& before,
                  const InteractionCounts& after) const {
    seconds.push_back(TraceSecond{bout, t, s.arousal, s.matched, s.engaged, s.signalling,
                                  after.ruptures > before.ruptures, after.repairs > before.repairs});
  }
};

/// Who takes up each of the arm's interventions, from a stream of its own, so that
/// the arms of a comparison live the same lives until an intervention starts.
InterventionCourse enrol(const InterventionPlan& plan, std::uint64_t seed, std::uint64_t dyad_id) {
  InterventionCourse course;
  course.start_day.fill(-1);
  Rng rng = make_stream(seed, dyad_id, StreamPurpose::intervention);
  for (int i = 0; i < plan.count; ++i) course.enrolled[i] = uniform01(rng) < plan.intervention[i].uptake;
  return course;
}

/// The life itself; `trace_day` < 0 traces nothing. `others` are the family's other
/// caregivers (empty without a family).
void live(const LifePlan& plan, const Parameters& drawn, std::span<const CaregiverParameters> others,
          std::uint64_t seed, std::uint64_t dyad_id, DyadRecord& record, int trace_day,
          std::vector<TraceSecond>* trace) {
  record = DyadRecord{};
  record.dyad_id = dyad_id;
  record.parameters = drawn;
  Parameters p = drawn;  // what interventions change from their start on
  InterventionCourse course = enrol(plan.interventions, seed, dyad_id);
  Rng rng = make_stream(seed, dyad_id, StreamPurpose::life);
  // Life events and the caregiver's good and bad days come from streams of their own,
  // drawn the same way whatever happens in the bouts: every arm of a comparison then
  // meets the same events on the same days (the per-second draws of `rng` follow the
  // dyad's state, so they part ways once an intervention starts).
  Rng stressor_rng = make_stream(seed, dyad_id, StreamPurpose::stressors);
  Rng day_rng = make_stream(seed, dyad_id, StreamPurpose::caregiver_days);
  // Assessments draw from their own stream, so scheduling one does not change the life.
  Rng assessment_rng = make_stream(seed, dyad_id, StreamPurpose::strange_situation);
  Rng still_face_rng = make_stream(seed, dyad_id, StreamPurpose::still_face);
  // Who cares for each bout, and the other caregivers' daily availability, come from
  // their own stream: the population caregiver's draws are the same with or without them.
  Rng family_rng = make_stream(seed, dyad_id, StreamPurpose::family);
  const Family* family = plan.family;
  const int caregivers = family ? family->caregivers : 1;
  if (others.size() + 1 != static_cast<std::size_t>(caregivers))
    throw std::invalid_argument("simulate_dyad: the family's further caregivers and their traits do not match");

  // Each caregiver's relationship: the same infant with that caregiver's traits, and
  // a working model learned only from the bouts with that caregiver.
  std::array<Parameters, kMaxCaregivers> with{};
  std::array<WorkingModel, kMaxCaregivers> models{};
  std::array<CaregiverStress, kMaxCaregivers> stress{};
  std::array<double, kMaxCaregivers> stress_sum{};
  for (int k = 0; k < caregivers; ++k) {
    with[k] = p;
    if (k > 0) with[k].caregiver = others[k - 1];
    models[k] = newborn_working_model(p.iwm);
    stress[k].traits = &with[k].caregiver;
  }

  StressorState stressors = stressors_at_birth(p.stressors, stressor_rng);
  InteractionCounts month;
  int month_index = 0;

  // Day `span_days` itself is simulated only up to its assessments.
  for (int day = 0; day <= plan.span_days; ++day) {
    const double age_months = day / kDaysPerMonth;
    // An intervention changes the population caregiver's (and the dyad's) parameters.
    advance_interventions(plan.interventions, course, day, stress[0].stress, p);
    with[0] = p;
    // Depressive episodes are the population caregiver's (maternal depression); poverty
    // and violence weigh on the whole household.
    StressorState household = stressors;
    household.depression_days_left = 0;
    std::array<CaregiverDay, kMaxCaregivers> today_care{};
    for (int k = 0; k < caregivers; ++k) {
      const double availability = 1.0 + with[k].caregiver.inconsistency * standard_normal(k == 0 ? day_rng : family_rng);
      today_care[k] = caregiver_day(with[k].caregiver, p.stressors, k == 0 ? stressors : household,
                                    stress[k].stress, availability);
    }
    if (record.strange_situations < plan.strange_situations &&
        plan.strange_situation_days[record.strange_situations] == day) {
      const int index = record.strange_situations++;
      // Attachment is relationship-specific: the procedure is run with each caregiver.
      for (int k = 0; k < caregivers; ++k) {
        const auto result = run_strange_situation(with[k], models[k], today_care[k], age_months, assessment_rng);
        if (k == 0) record.strange_situation[index] = result;
        if (family) record.caregiver[k].strange_situation[index] = result;
      }
    }
    if (day == plan.span_days) break;
    std::array<BoutContext, kMaxCaregivers> context{};
    for (int k = 0; k < caregivers; ++k)
      context[k] = bout_context(with[k], age_months, today_care[k], signal_style(models[k], p.iwm), stressors.ill());
    // The still-face paradigm is run with the population caregiver.
    if (day == plan.still_face_day) {
      record.still_face = run_still_face(p, models[0], context[0], plan.still_face_phase_seconds, still_face_rng);
      record.still_face_assessed = true;
    }

    std::array<InteractionCounts, kMaxCaregivers> today{};
    for (int bout = 0; bout < plan.bouts_per_day; ++bout) {
      const int k = family ? bout_caregiver(*family, family_rng) : 0;
      ++record.caregiver[k].bouts;
      // A const local copy the optimizer can keep in registers through the bout
      // (running on the array element cost about 10 % more CPU time).
      const BoutContext caring = context[k];
      if (day == trace_day) {
        run_bout(plan.bout_seconds, caring, rng, today[k], models[k], p.iwm, TraceRecorder{*trace, bout});
      } else {
        run_bout(plan.bout_seconds, caring, rng, today[k], models[k], p.iwm);
      }
    }

    record.days_depressed += stressors.depressed();
    record.days_violence += stressors.violence();
    record.days_ill += stressors.ill();
    for (int k = 0; k < caregivers; ++k) stress_sum[k] += stress[k].stress;
    // Each caregiver is stressed by the crying in its own bouts.
    const auto crying_minutes = [&](int k) { return static_cast<double>(today[k].high_arousal_seconds) / 60.0; };
    if (family) {
      for (int k = 0; k < caregivers; ++k)
        stress[k].load = daily_stress_load(with[k].caregiver, p.stressors, k == 0 ? stressors : household, crying_minutes(k));
      advance_family_stress(*family, stress);
    } else {
      stress[0].stress = next_day_stress(stress[0].stress, p.caregiver, p.stressors, stressors, crying_minutes(0));
    }
    for (int k = 0; k < caregivers; ++k) learn_end_of_day(models[k], p.iwm);
    advance_stressors_one_day(stressors, p.stressors, stressor_rng);

    for (int k = 0; k < caregivers; ++k) {
      record.interaction.add(today[k]);
      month.add(today[k]);
    }
    const bool month_ends = static_cast<int>((day + 1) / kDaysPerMonth) > month_index;
    if ((month_ends || day + 1 == plan.span_days) && month_index < kMaxMonths) {
      record.development[month_index] = MonthSnapshot{models[0], month, stress[0].stress};
      month = InteractionCounts{};
      ++month_index;
    }
  }
  record.months = month_index;
  record.treatment_start_day = course.first_start_day;
  record.iwm_final = models[0];
  record.mean_caregiver_stress = plan.span_days > 0 ? stress_sum[0] / plan.span_days : 0.0;
  if (!family) return;
  record.caregivers = caregivers;
  for (int k = 0; k < caregivers; ++k) {
    record.caregiver[k].parameters = with[k].caregiver;
    record.caregiver[k].iwm_final = models[k];
    record.caregiver[k].mean_stress = plan.span_days > 0 ? stress_sum[k] / plan.span_days : 0.0;
  }
}

}  // namespace

void simulate_dyad(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                   std::uint64_t dyad_id, DyadRecord& record, std::span<const CaregiverParameters> others) {
  live(plan, parameters, others, seed, dyad_id, record, -1, nullptr);
}

void simulate_dyad_traced(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                          std::uint64_t dyad_id, int trace_day, DyadRecord& record,
                          std::vector<TraceSecond>& seconds, std::span<const CaregiverParameters> others) {
  seconds.clear();
  live(plan, parameters, others, seed, dyad_id, record, trace_day, &seconds);
}

}  // namespace attune

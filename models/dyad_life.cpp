#include "models/dyad_life.hpp"

#include <algorithm>

#include "models/assessments/still_face.hpp"
#include "models/assessments/strange_situation.hpp"
#include "models/bout_context.hpp"
#include "models/caregiver.hpp"
#include "models/interaction.hpp"
#include "models/stressors.hpp"
#include "sim/random_variates.hpp"
#include "sim/rng.hpp"

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

/// The life itself; `trace_day` < 0 traces nothing.
void live(const LifePlan& plan, const Parameters& drawn, std::uint64_t seed, std::uint64_t dyad_id,
          DyadRecord& record, int trace_day, std::vector<TraceSecond>* trace) {
  record = DyadRecord{};
  record.dyad_id = dyad_id;
  record.parameters = drawn;
  Parameters p = drawn;  // what interventions change from their start on
  InterventionCourse course = enrol(plan.interventions, seed, dyad_id);
  Rng rng = make_stream(seed, dyad_id, StreamPurpose::life);
  // Assessments draw from their own stream, so scheduling one does not change the life.
  Rng assessment_rng = make_stream(seed, dyad_id, StreamPurpose::strange_situation);
  Rng still_face_rng = make_stream(seed, dyad_id, StreamPurpose::still_face);

  StressorState stressors = stressors_at_birth(p.stressors, rng);
  WorkingModel model = newborn_working_model(p.iwm);
  double stress = 0.0, stress_sum = 0.0;
  InteractionCounts month;
  int month_index = 0;

  // Day `span_days` itself is simulated only up to its assessments.
  for (int day = 0; day <= plan.span_days; ++day) {
    const double age_months = day / kDaysPerMonth;
    advance_interventions(plan.interventions, course, day, stress, p);
    const double availability = 1.0 + p.caregiver.inconsistency * standard_normal(rng);
    const CaregiverDay caregiver = caregiver_day(p.caregiver, p.stressors, stressors, stress, availability);
    if (record.strange_situations < plan.strange_situations &&
        plan.strange_situation_days[record.strange_situations] == day) {
      record.strange_situation[record.strange_situations++] =
          run_strange_situation(p, model, caregiver, age_months, assessment_rng);
    }
    const BoutContext context =
        bout_context(p, age_months, caregiver, signal_style(model, p.iwm), stressors.ill());
    if (day == plan.still_face_day) {
      record.still_face = run_still_face(p, model, context, plan.still_face_phase_seconds, still_face_rng);
      record.still_face_assessed = true;
    }
    if (day == plan.span_days) break;

    InteractionCounts today;
    for (int bout = 0; bout < plan.bouts_per_day; ++bout) {
      if (day == trace_day) {
        run_bout(plan.bout_seconds, context, rng, today, model, p.iwm, TraceRecorder{*trace, bout});
      } else {
        run_bout(plan.bout_seconds, context, rng, today, model, p.iwm);
      }
    }

    record.days_depressed += stressors.depressed();
    record.days_violence += stressors.violence();
    record.days_ill += stressors.ill();
    stress_sum += stress;
    stress = next_day_stress(stress, p.caregiver, p.stressors, stressors,
                             static_cast<double>(today.high_arousal_seconds) / 60.0);
    learn_end_of_day(model, p.iwm);
    advance_stressors_one_day(stressors, p.stressors, rng);

    record.interaction.add(today);
    month.add(today);
    const bool month_ends = static_cast<int>((day + 1) / kDaysPerMonth) > month_index;
    if ((month_ends || day + 1 == plan.span_days) && month_index < kMaxMonths) {
      record.development[month_index] = MonthSnapshot{model, month, stress};
      month = InteractionCounts{};
      ++month_index;
    }
  }
  record.months = month_index;
  record.treatment_start_day = course.first_start_day;
  record.iwm_final = model;
  record.mean_caregiver_stress = plan.span_days > 0 ? stress_sum / plan.span_days : 0.0;
}

}  // namespace

void simulate_dyad(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                   std::uint64_t dyad_id, DyadRecord& record) {
  live(plan, parameters, seed, dyad_id, record, -1, nullptr);
}

void simulate_dyad_traced(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                          std::uint64_t dyad_id, int trace_day, DyadRecord& record,
                          std::vector<TraceSecond>& seconds) {
  seconds.clear();
  live(plan, parameters, seed, dyad_id, record, trace_day, &seconds);
}

}  // namespace attune

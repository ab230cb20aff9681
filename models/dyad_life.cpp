#include "models/dyad_life.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "models/assessments/sensitivity_observation.hpp"
#include "models/assessments/still_face.hpp"
#include "models/assessments/strange_situation.hpp"
#include "models/bout_context.hpp"
#include "models/caregiver.hpp"
#include "models/family.hpp"
#include "models/interaction.hpp"
#include "models/interaction_lanes.hpp"
#include "models/step_rates.hpp"
#include "models/stressors.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

namespace {

/// Records the seconds of one bout of the traced day.
struct TraceRecorder {
  std::vector<TraceSecond>& seconds;
  int bout;
  void operator()(int t, const InteractionState& s, SecondEvents events) const {
    seconds.push_back(
        TraceSecond{bout, t, s.arousal, s.matched, s.engaged, s.signalling, events.rupture, events.repair, s.act});
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

/// A dyad's random streams. Life events and the caregiver's good and bad days come from
/// streams of their own, drawn the same way whatever happens in the bouts: every arm of
/// a comparison then meets the same events on the same days (the per-second draws of
/// `bouts` follow the dyad's state, so they part ways once an intervention starts).
/// Assessments draw from their own streams, so scheduling one does not change the life.
/// Who cares for each bout, and the other caregivers' daily availability, come from
/// their own stream: the population caregiver's draws are the same with or without them.
struct LifeStreams {
  Rng bouts, stressors, caregiver_days, strange_situation, still_face, family, sensitivity_observation;
};

LifeStreams open_streams(std::uint64_t seed, std::uint64_t dyad_id) {
  return {make_stream(seed, dyad_id, StreamPurpose::life),
          make_stream(seed, dyad_id, StreamPurpose::stressors),
          make_stream(seed, dyad_id, StreamPurpose::caregiver_days),
          make_stream(seed, dyad_id, StreamPurpose::strange_situation),
          make_stream(seed, dyad_id, StreamPurpose::still_face),
          make_stream(seed, dyad_id, StreamPurpose::family),
          make_stream(seed, dyad_id, StreamPurpose::sensitivity_observation)};
}

template <typename T>
using PerCaregiver = std::array<T, kMaxCaregivers>;

/// One dyad's life from birth, stage by stage: each day the caregivers' day, the
/// scheduled assessments, the bouts, then the day's slow processes and tallies; at the
/// end, the record's summaries. The per-second step is run_bout's (models/interaction.hpp).
class Life {
 public:
  Life(const LifePlan& plan, const Parameters& drawn, std::span<const CaregiverParameters> others,
       std::uint64_t seed, std::uint64_t dyad_id, DyadRecord& record);
  Life(const Life&) = delete;  // stress_[k].traits points into with_
  Life& operator=(const Life&) = delete;

  /// Lives every day; `trace` (null: none) receives every second of day `trace_day`, and
  /// `still_face` (null: none) every second of the still-face paradigm.
  void live(int trace_day, std::vector<TraceSecond>* trace, StillFaceTrace* still_face);

  // The day in three parts, so that a group of lives can run its bouts side by side
  // (simulate_dyads): what comes before the bouts, the bouts, what comes after.

  /// The caregivers' day and its contexts, and today's assessments; false on the day
  /// after the span, which is lived only up to its Strange Situation.
  bool begin_day(int day, PerCaregiver<BoutContext>& context, StillFaceTrace* still_face = nullptr);
  /// Who cares for the next bout (the family's draw) and its tally in the record.
  int next_bout_caregiver();
  /// The lane of a bout with caregiver `k`, with `rates` and `today` held by the caller.
  BoutLane bout_lane(int k, const StepRates& rates, InteractionCounts& today) {
    return {&rates, &streams_.bouts, &today, &models_[k], &p_.iwm};
  }
  /// The day's slow processes and tallies.
  void end_day(int day, const PerCaregiver<InteractionCounts>& today) {
    slow_processes(today);
    tally(day, today);
  }
  void end_of_life();

 private:
  PerCaregiver<CaregiverDay> caregiver_days(int day);
  void strange_situations(int day, const PerCaregiver<BoutContext>& context);
  PerCaregiver<BoutContext> bout_contexts(double age_months, const PerCaregiver<CaregiverDay>& care) const;
  PerCaregiver<InteractionCounts> bouts(const PerCaregiver<BoutContext>& context, std::vector<TraceSecond>* trace);
  void slow_processes(const PerCaregiver<InteractionCounts>& today);
  void tally(int day, const PerCaregiver<InteractionCounts>& today);

  /// Depressive episodes and substance misuse are the population caregiver's; poverty,
  /// violence and life events weigh on the whole household, so the other caregivers see this.
  StressorState household() const {
    StressorState household = stressors_;
    household.depression_days_left = 0;
    household.substance_days_left = 0;
    return household;
  }

  const LifePlan& plan_;
  DyadRecord& record_;
  Parameters p_;  // what interventions change from their start on
  InterventionCourse course_;
  LifeStreams streams_;
  const Family* family_;
  int caregivers_;
  // Each caregiver's relationship: the same infant with that caregiver's traits, and
  // a working model learned only from the bouts with that caregiver.
  PerCaregiver<Parameters> with_{};
  PerCaregiver<WorkingModel> models_{};
  PerCaregiver<CaregiverStress> stress_{};
  PerCaregiver<double> stress_sum_{};
  StressorState stressors_;
  InteractionCounts month_;
  int month_index_ = 0;
};

Life::Life(const LifePlan& plan, const Parameters& drawn, std::span<const CaregiverParameters> others,
           std::uint64_t seed, std::uint64_t dyad_id, DyadRecord& record)
    : plan_(plan),
      record_(record),
      p_(drawn),
      course_(enrol(plan.interventions, seed, dyad_id)),
      streams_(open_streams(seed, dyad_id)),
      family_(plan.family),
      caregivers_(plan.family ? plan.family->caregivers : 1) {
  record_ = DyadRecord{};
  record_.dyad_id = dyad_id;
  record_.parameters = drawn;
  if (others.size() + 1 != static_cast<std::size_t>(caregivers_))
    throw std::invalid_argument("simulate_dyad: the family's further caregivers and their traits do not match");
  for (int k = 0; k < caregivers_; ++k) {
    with_[k] = p_;
    if (k > 0) with_[k].caregiver = others[k - 1];
    models_[k] = newborn_working_model(p_.iwm);
    stress_[k].traits = &with_[k].caregiver;
  }
  stressors_ = stressors_at_birth(p_.stressors, streams_.stressors);
}

void Life::live(int trace_day, std::vector<TraceSecond>* trace, StillFaceTrace* still_face) {
  PerCaregiver<BoutContext> context{};
  for (int day = 0; begin_day(day, context, still_face); ++day)
    end_day(day, bouts(context, day == trace_day ? trace : nullptr));
  end_of_life();
}

bool Life::begin_day(int day, PerCaregiver<BoutContext>& context, StillFaceTrace* still_face) {
  const double age_months = day / kDaysPerMonth;
  const auto care = caregiver_days(day);
  context = bout_contexts(age_months, care);
  strange_situations(day, context);
  // Day `span_days` itself is simulated only up to its assessments.
  if (day == plan_.span_days) return false;
  // The still-face paradigm is run with the population caregiver.
  if (day == plan_.still_face_day) {
    record_.still_face = run_still_face(p_, models_[0], context[0], plan_.still_face_phase_seconds, streams_.still_face,
                                        still_face);
    record_.still_face_assessed = true;
  }
  // So is the observation of caregiver sensitivity.
  observe_sensitivity_if_due(plan_.sensitivity_observation, day, p_, models_[0], context[0],
                             streams_.sensitivity_observation, record_.sensitivity_observation);
  return true;
}

int Life::next_bout_caregiver() {
  const int k = family_ ? bout_caregiver(*family_, streams_.family) : 0;
  ++record_.caregiver[k].bouts;
  return k;
}

/// Today's interventions, then each caregiver's sensitivity for the day.
PerCaregiver<CaregiverDay> Life::caregiver_days(int day) {
  // An intervention changes the population caregiver's (and the dyad's) parameters.
  advance_interventions(plan_.interventions, course_, day, stress_[0].stress, p_);
  with_[0] = p_;
  const StressorState shared = household();
  PerCaregiver<CaregiverDay> care{};
  for (int k = 0; k < caregivers_; ++k) {
    Rng& rng = k == 0 ? streams_.caregiver_days : streams_.family;
    const double availability = 1.0 + with_[k].caregiver.inconsistency * standard_normal(rng);
    care[k] = caregiver_day(with_[k].caregiver, p_.stressors, k == 0 ? stressors_ : shared, stress_[k].stress, availability);
  }
  return care;
}

/// The Strange Situation due today, if any. Attachment is relationship-specific: the
/// procedure is run with each caregiver.
void Life::strange_situations(int day, const PerCaregiver<BoutContext>& context) {
  if (record_.strange_situations >= plan_.strange_situations ||
      plan_.strange_situation_days[record_.strange_situations] != day)
    return;
  const int index = record_.strange_situations++;
  for (int k = 0; k < caregivers_; ++k) {
    const auto result = run_strange_situation(with_[k], models_[k], context[k], streams_.strange_situation);
    if (k == 0) record_.strange_situation[index] = result;
    if (family_) record_.caregiver[k].strange_situation[index] = result;
  }
}

PerCaregiver<BoutContext> Life::bout_contexts(double age_months, const PerCaregiver<CaregiverDay>& care) const {
  PerCaregiver<BoutContext> context{};
  for (int k = 0; k < caregivers_; ++k)
    context[k] = bout_context(with_[k], age_months, care[k], signal_style(models_[k], p_.iwm), stressors_.ill());
  return context;
}

/// The day's bouts, each with the caregiver the family gives it.
PerCaregiver<InteractionCounts> Life::bouts(const PerCaregiver<BoutContext>& context, std::vector<TraceSecond>* trace) {
  PerCaregiver<InteractionCounts> today{};
  for (int bout = 0; bout < plan_.bouts_per_day; ++bout) {
    const int k = next_bout_caregiver();
    // A const local copy the optimizer can keep in registers through the bout
    // (running on the array element cost about 10 % more CPU time).
    const BoutContext caring = context[k];
    if (trace) {
      run_bout(plan_.bout_seconds, caring, streams_.bouts, today[k], models_[k], p_.iwm, TraceRecorder{*trace, bout});
    } else {
      run_bout(plan_.bout_seconds, caring, streams_.bouts, today[k], models_[k], p_.iwm);
    }
  }
  return today;
}

/// The day's slow processes: caregiver stress, the working models' daily learning, and
/// the life events of tomorrow.
void Life::slow_processes(const PerCaregiver<InteractionCounts>& today) {
  record_.days_depressed += stressors_.depressed();
  record_.days_violence += stressors_.violence();
  record_.days_substance += stressors_.using_substances();
  record_.life_events += stressors_.life_event;
  record_.days_ill += stressors_.ill();
  for (int k = 0; k < caregivers_; ++k) stress_sum_[k] += stress_[k].stress;
  // Each caregiver is stressed by the crying in its own bouts.
  const auto crying_minutes = [&](int k) { return static_cast<double>(today[k].high_arousal_seconds) / 60.0; };
  if (family_) {
    const StressorState shared = household();
    for (int k = 0; k < caregivers_; ++k)
      stress_[k].load = daily_stress_load(with_[k].caregiver, p_.stressors, k == 0 ? stressors_ : shared, crying_minutes(k));
    advance_family_stress(*family_, stress_);
  } else {
    stress_[0].stress = next_day_stress(stress_[0].stress, p_.caregiver, p_.stressors, stressors_, crying_minutes(0));
  }
  for (int k = 0; k < caregivers_; ++k) learn_end_of_day(models_[k], p_.iwm);
  advance_stressors_one_day(stressors_, p_.stressors, streams_.stressors);
}

/// The day's counts into the life's and the month's, and a snapshot when a month ends.
void Life::tally(int day, const PerCaregiver<InteractionCounts>& today) {
  for (int k = 0; k < caregivers_; ++k) {
    record_.interaction.add(today[k]);
    month_.add(today[k]);
  }
  const bool month_ends = static_cast<int>((day + 1) / kDaysPerMonth) > month_index_;
  if ((month_ends || day + 1 == plan_.span_days) && month_index_ < kMaxMonths) {
    record_.development[month_index_] = MonthSnapshot{models_[0], month_, stress_[0].stress};
    month_ = InteractionCounts{};
    ++month_index_;
  }
}

/// The record's summaries of the whole life.
void Life::end_of_life() {
  record_.months = month_index_;
  record_.treatment_start_day = course_.first_start_day;
  record_.iwm_final = models_[0];
  record_.mean_caregiver_stress = plan_.span_days > 0 ? stress_sum_[0] / plan_.span_days : 0.0;
  if (!family_) return;
  record_.caregivers = caregivers_;
  for (int k = 0; k < caregivers_; ++k) {
    record_.caregiver[k].parameters = with_[k].caregiver;
    record_.caregiver[k].iwm_final = models_[k];
    record_.caregiver[k].mean_stress = plan_.span_days > 0 ? stress_sum_[k] / plan_.span_days : 0.0;
  }
}

}  // namespace

void simulate_dyad(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                   std::uint64_t dyad_id, DyadRecord& record, std::span<const CaregiverParameters> others) {
  Life(plan, parameters, others, seed, dyad_id, record).live(-1, nullptr, nullptr);
}

void simulate_dyads(const LifePlan& plan, std::uint64_t seed, std::span<const DyadStart> dyads,
                    std::span<DyadRecord> records) {
  const std::size_t n = dyads.size();
  if (n == 0 || n > static_cast<std::size_t>(kMaxLanes) || records.size() != n)
    throw std::invalid_argument("simulate_dyads: 1 to kMaxLanes dyads, one record each");
  if (n == 1) {  // one lane would leave the rest of a vector idle: the scalar step is as fast
    simulate_dyad(plan, *dyads[0].parameters, seed, dyads[0].dyad_id, records[0], dyads[0].others);
    return;
  }
  // Each life draws from its own streams exactly as it would alone, in the same order
  // (the days' draws, the family's choice of caregiver for each bout, the bouts' seconds);
  // only the bouts of the group run together, one lane each.
  std::array<std::optional<Life>, kMaxLanes> lives;
  for (std::size_t i = 0; i < n; ++i)
    lives[i].emplace(plan, *dyads[i].parameters, dyads[i].others, seed, dyads[i].dyad_id, records[i]);
  std::array<PerCaregiver<BoutContext>, kMaxLanes> context{};
  std::array<PerCaregiver<InteractionCounts>, kMaxLanes> today{};
  std::array<StepRates, kMaxLanes> rates{};
  std::array<BoutLane, kMaxLanes> lanes{};
  for (int day = 0;; ++day) {
    bool living = true;
    for (std::size_t i = 0; i < n; ++i) living = lives[i]->begin_day(day, context[i]);
    if (!living) break;  // every life of the group has the plan's span
    for (std::size_t i = 0; i < n; ++i) today[i] = {};
    for (int bout = 0; bout < plan.bouts_per_day; ++bout) {
      for (std::size_t i = 0; i < n; ++i) {
        const int k = lives[i]->next_bout_caregiver();
        rates[i] = step_rates(context[i][k]);
        lanes[i] = lives[i]->bout_lane(k, rates[i], today[i][k]);
      }
      run_bouts_across_lanes(plan.bout_seconds, lanes.data(), n);
    }
    for (std::size_t i = 0; i < n; ++i) lives[i]->end_day(day, today[i]);
  }
  for (std::size_t i = 0; i < n; ++i) lives[i]->end_of_life();
}

void simulate_dyad_traced(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                          std::uint64_t dyad_id, int trace_day, DyadRecord& record,
                          std::vector<TraceSecond>& seconds, std::span<const CaregiverParameters> others,
                          StillFaceTrace* still_face) {
  seconds.clear();
  Life(plan, parameters, others, seed, dyad_id, record).live(trace_day, &seconds, still_face);
}

}  // namespace attune

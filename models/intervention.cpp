#include "models/intervention.hpp"

#include <algorithm>

#include "models/parameter_table.hpp"

namespace attune {

void apply_intervention(const Intervention& intervention, Parameters& parameters) {
  for (int i = 0; i < intervention.changes; ++i) {
    const ParameterChange& change = intervention.change[i];
    const ParameterInfo& info = parameter_table()[change.parameter];
    double& value = parameter_value(parameters, info);
    switch (change.kind) {
      case ChangeKind::set: value = change.amount; break;
      case ChangeKind::add: value += change.amount; break;
      case ChangeKind::scale: value *= change.amount; break;
    }
    value = std::clamp(value, info.min, info.max);
  }
}

void advance_interventions(const InterventionPlan& plan, InterventionCourse& course, int day, double stress,
                           Parameters& parameters) {
  for (int i = 0; i < plan.count; ++i) {
    const Intervention& intervention = plan.intervention[i];
    if (!course.enrolled[i] || course.start_day[i] >= 0 || day < intervention.from_day) continue;
    if (intervention.for_days > 0) {
      course.high_stress_days[i] = stress > intervention.stress_above ? course.high_stress_days[i] + 1 : 0;
      if (course.high_stress_days[i] < intervention.for_days) continue;
    }
    apply_intervention(intervention, parameters);
    course.start_day[i] = day;
    if (course.first_start_day < 0) course.first_start_day = day;
  }
}

}  // namespace attune

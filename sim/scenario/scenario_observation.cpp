#include "sim/scenario/scenario_observation.hpp"

#include "models/assessments/sensitivity_observation.hpp"
#include "models/dyad_life.hpp"

namespace attune::scenario_detail {

namespace {

// Ages at which studies observe caregiver sensitivity: from the first month (home
// observations through the first year, Ainsworth et al. 1978) into the third year
// (NICHD Early Child Care Research Network 1997: 6, 15, 24, 36 months; recalled).
constexpr double kYoungestAge = 1;
constexpr double kOldestAge = 36;
// A lab free play lasts some 10-15 minutes; home observations are longer and are
// coded in stretches (assumption). The longest is the trace's fixed size.
constexpr int kFewestMinutes = 5;

// Messages are built by append rather than operator+ chains: GCC 12 -O3 warns falsely
// on those (PR 105651).
std::string months(double age) { return format_number(age).append(" months"); }

}  // namespace

void read_sensitivity_observation(const Located& at, Scenario& scenario, Issues& issues) {
  auto& plan = scenario.sensitivity_observation;
  const auto all = map_entries(at, issues);
  if (!all) return;
  const auto keys = known_entries(*all, {"ages_months", "minutes"},
                                  "key for the sensitivity_observation assessment", issues);
  if (const Located* minutes = find(keys, "minutes"))
    plan.minutes =
        static_cast<int>(read_integer(*minutes, kFewestMinutes, kSensitivityMaxMinutes, "minutes", issues)
                             .value_or(plan.minutes));
  const Located* ages_at = find(keys, "ages_months");
  if (!ages_at) {
    issues.add(at.mark(), at.path + ".ages_months", "missing required key 'ages_months'");
    return;
  }
  const auto items = sequence_items(*ages_at, issues);
  if (!items) return;
  for (const auto& item : *items) {
    const auto age = read_number(item, issues);
    if (!age) continue;
    if (*age < kYoungestAge || *age > kOldestAge) {
      std::string message = "age ";
      message.append(months(*age)).append(" is outside [").append(months(kYoungestAge)).append(", ");
      issues.add(item, message.append(months(kOldestAge)).append("]"));
    } else if (!plan.ages_months.empty() && *age <= plan.ages_months.back()) {
      std::string message = "ages must be in ascending order: ";
      message.append(format_number(*age))
          .append(" comes after ")
          .append(format_number(plan.ages_months.back()));
      issues.add(item, message);
    } else if (scenario.span_days > 0 && assessment_day(*age) >= scenario.span_days) {
      // The observation is of a day's caregiving, so it needs a day of the life (the age is
      // in range here, so its day fits an int).
      std::string message = "age ";
      message.append(months(*age)).append(" (day ").append(std::to_string(assessment_day(*age)));
      message.append(") is not before the end of span_days ").append(std::to_string(scenario.span_days));
      issues.add(item, message);
    } else if (plan.ages_months.size() >= static_cast<std::size_t>(kMaxSensitivityObservations)) {
      std::string message = "at most ";
      issues.add(
          item, message.append(std::to_string(kMaxSensitivityObservations)).append(" observations per dyad"));
    } else {
      plan.ages_months.push_back(*age);
    }
  }
}

std::string sensitivity_observation_yaml(const SensitivityObservationPlan& plan) {
  if (!plan.scheduled()) return "";
  std::string out = "  sensitivity_observation:\n    ages_months: [";
  for (std::size_t i = 0; i < plan.ages_months.size(); ++i)
    out.append(i ? ", " : "").append(format_number(plan.ages_months[i]));
  return out.append("]\n    minutes: ").append(std::to_string(plan.minutes)).append("\n");
}

}  // namespace attune::scenario_detail

#include "sim/scenario/scenario_arms.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"

namespace attune::scenario_detail {
namespace {

const std::vector<std::string> kArmKeys = {"name", "interventions"};
const std::vector<std::string> kInterventionKeys = {"name", "from_age_months", "uptake", "when_stress_above",
                                                    "for_days", "changes"};
const std::vector<std::string> kChangeKinds = {"set", "add", "scale"};

std::vector<std::string> qualified_names() {
  std::vector<std::string> names;
  for (const auto& row : parameter_table()) names.push_back(row.qualified());
  return names;
}

void missing(const Located& at, const char* key, Issues& issues) {
  issues.add(at.mark(), at.path.empty() ? key : at.path + "." + key, std::string("missing required key '") + key + "'");
}

/// A name that becomes a folder and a CSV field: letters, digits, '_' or '-'.
std::string plain_name(const Located& at, Issues& issues) {
  const std::string name = read_string(at, issues).value_or("");
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  if (!plain) issues.add(at, "a name must be letters, digits, '_' or '-', got '" + name + "'");
  return name;
}

/// `group.name: {set|add|scale: amount}`; false after an issue.
bool read_change(const Located& entry, ParameterChange& change, Issues& issues) {
  const auto dot = entry.name.find('.');
  const auto index = dot == std::string::npos ? std::nullopt
                                              : find_parameter(entry.name.substr(0, dot), entry.name.substr(dot + 1));
  if (!index) {
    issues.add(entry, "unknown parameter '" + entry.name + "' (write group.name)" +
                          suggestion(entry.name, qualified_names(), false));
    return false;
  }
  const auto all = map_entries(entry, issues);
  if (!all) return false;
  const auto kinds = known_entries(*all, kChangeKinds, "kind of change", issues);
  if (kinds.size() != 1) {
    if (kinds.size() == all->size()) issues.add(entry, "give exactly one of set, add or scale");
    return false;
  }
  const auto amount = read_number(kinds[0], issues);
  if (!amount) return false;
  const ParameterInfo& info = parameter_table()[*index];
  change.parameter = *index;
  change.amount = *amount;
  if (kinds[0].name == "set") {
    change.kind = ChangeKind::set;
    if (*amount < info.min || *amount > info.max) {
      std::string message = "value ";
      message.append(format_number(*amount)).append(" is outside the valid range [").append(format_number(info.min));
      message.append(", ").append(format_number(info.max)).append("] of ").append(info.qualified());
      issues.add(kinds[0], message);
      return false;
    }
  } else if (kinds[0].name == "add") {
    change.kind = ChangeKind::add;
  } else {
    change.kind = ChangeKind::scale;
    if (*amount < 0) {
      issues.add(kinds[0], "a scale factor must not be negative, got " + format_number(*amount));
      return false;
    }
  }
  return true;
}

/// One intervention; false after an issue.
bool read_intervention(const Located& item, int span_days, Intervention& intervention, std::string& name,
                       Issues& issues) {
  const auto all = map_entries(item, issues);
  if (!all) return false;
  const std::size_t before = issues.size();
  const auto entries = known_entries(*all, kInterventionKeys, "key for an intervention", issues);
  for (const char* key : {"name", "changes"})
    if (!find(*all, key)) missing(item, key, issues);
  if (const Located* at = find(entries, "name")) name = plain_name(*at, issues);
  if (const Located* at = find(entries, "from_age_months")) {
    if (const auto age = read_number(*at, issues)) {
      // Checked in months before the conversion to a day, which an age of 1e8 months would overflow.
      if (*age >= 0 && *age * kDaysPerMonth + 0.5 < span_days)
        intervention.from_day = assessment_day(*age);
      else
        issues.add(*at, "age " + format_number(*age) + " months is outside the span (0 to span_days " +
                            std::to_string(span_days) + ")");
    }
  }
  if (const Located* at = find(entries, "uptake")) {
    intervention.uptake = read_number(*at, issues).value_or(1.0);
    if (!(intervention.uptake >= 0 && intervention.uptake <= 1))
      issues.add(*at, "uptake is a share of dyads in [0, 1], got " + format_number(intervention.uptake));
  }
  const Located* stress_at = find(entries, "when_stress_above");
  const Located* days_at = find(entries, "for_days");
  if (static_cast<bool>(stress_at) != static_cast<bool>(days_at)) {
    issues.add(stress_at ? *stress_at : *days_at, "when_stress_above and for_days go together: give both or neither");
  } else if (stress_at) {
    intervention.stress_above = read_number(*stress_at, issues).value_or(0.0);
    if (intervention.stress_above < 0) issues.add(*stress_at, "caregiver stress is never negative; give a level >= 0");
    intervention.for_days = static_cast<int>(read_integer(*days_at, 1, kMaxSpanDays, "days", issues).value_or(1));
  }
  if (const Located* at = find(entries, "changes")) {
    if (const auto changes = map_entries(*at, issues)) {
      if (changes->empty()) issues.add(*at, "an intervention must change at least one parameter");
      if (changes->size() > static_cast<std::size_t>(kMaxParameterChanges))
        issues.add(*at, "at most " + std::to_string(kMaxParameterChanges) + " parameter changes per intervention");
      for (const auto& entry : *changes) {
        if (intervention.changes >= kMaxParameterChanges) break;
        if (read_change(entry, intervention.change[intervention.changes], issues)) ++intervention.changes;
      }
    }
  }
  return issues.size() == before;
}

void read_arm(const Located& item, int span_days, Arm& arm, Issues& issues) {
  const auto all = map_entries(item, issues);
  if (!all) return;
  const auto entries = known_entries(*all, kArmKeys, "key for an arm", issues);
  if (!find(*all, "name")) missing(item, "name", issues);
  if (const Located* at = find(entries, "name")) arm.name = plain_name(*at, issues);
  const Located* list = find(entries, "interventions");
  if (!list) return;
  const auto items = sequence_items(*list, issues);
  if (!items) return;
  if (items->size() > static_cast<std::size_t>(kMaxInterventions))
    issues.add(*list, "at most " + std::to_string(kMaxInterventions) + " interventions per arm");
  for (const auto& one : *items) {
    if (arm.plan.count >= kMaxInterventions) break;
    std::string name;
    if (read_intervention(one, span_days, arm.plan.intervention[arm.plan.count], name, issues)) {
      arm.intervention_names.push_back(name);
      ++arm.plan.count;
    }
  }
}

}  // namespace

void read_arms(const Located& at, Scenario& scenario, Issues& issues) {
  const auto items = sequence_items(at, issues);
  if (!items) return;
  if (items->size() < 2 || items->size() > kMaxArms)
    issues.add(at, "a comparison needs between 2 and " + std::to_string(kMaxArms) + " arms, got " +
                       std::to_string(items->size()));
  for (const auto& item : *items) {
    Arm arm;
    read_arm(item, scenario.span_days, arm, issues);
    const bool repeated = std::any_of(scenario.arms.begin(), scenario.arms.end(),
                                      [&](const Arm& other) { return other.name == arm.name; });
    if (repeated) issues.add(item, "arm '" + arm.name + "' is named twice");
    if (arm.name == "control" && arm.plan.count > 0) issues.add(item, "the control arm is the untreated one: it takes no interventions");
    scenario.arms.push_back(std::move(arm));
  }
  const bool has_control = std::any_of(scenario.arms.begin(), scenario.arms.end(),
                                       [](const Arm& arm) { return arm.name == "control"; });
  if (!has_control) issues.add(at, "one arm must be named 'control' (the untreated comparison)");
}

std::string arms_yaml(const std::vector<Arm>& arms) {
  if (arms.empty()) return "";
  std::ostringstream out;
  out << "arms:\n";
  for (const Arm& arm : arms) {
    out << "  - name: " << arm.name << "\n";
    if (arm.plan.count == 0) continue;
    out << "    interventions:\n";
    for (int i = 0; i < arm.plan.count; ++i) {
      const Intervention& intervention = arm.plan.intervention[i];
      out << "      - name: " << arm.intervention_names[i] << "\n"
          << "        from_age_months: " << format_number(intervention.from_day / kDaysPerMonth) << "\n"
          << "        uptake: " << format_number(intervention.uptake) << "\n";
      if (intervention.for_days > 0)
        out << "        when_stress_above: " << format_number(intervention.stress_above) << "\n"
            << "        for_days: " << intervention.for_days << "\n";
      out << "        changes:\n";
      for (int c = 0; c < intervention.changes; ++c) {
        const ParameterChange& change = intervention.change[c];
        const char* kind = change.kind == ChangeKind::set ? "set" : change.kind == ChangeKind::add ? "add" : "scale";
        out << "          " << parameter_table()[change.parameter].qualified() << ": {" << kind << ": "
            << format_number(change.amount) << "}\n";
      }
    }
  }
  return out.str();
}

}  // namespace attune::scenario_detail

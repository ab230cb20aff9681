#include <cstdio>
#include <sstream>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_arms.hpp"
#include "sim/scenario/scenario_observation.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune {
namespace {

using scenario_detail::format_number;

/// A YAML double-quoted string, so any name or description reads back unchanged.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// The keys of a distribution in canonical form, without braces ("dist: beta, alpha: 2, ...").
std::string fields(const Distribution& d) {
  const auto n = [](double x) { return format_number(x); };
  switch (d.kind) {
    case DistributionKind::fixed: return "value: " + n(d.value);
    // normal and lognormal take their truncation from the table, so their bounds are not written.
    case DistributionKind::normal: return "dist: normal, mean: " + n(d.mean) + ", sd: " + n(d.sd);
    case DistributionKind::truncated_normal:
      return "dist: truncated_normal, mean: " + n(d.mean) + ", sd: " + n(d.sd) + ", min: " + n(d.min) + ", max: " + n(d.max);
    case DistributionKind::beta:
      return "dist: beta, alpha: " + n(d.alpha) + ", beta: " + n(d.beta) + ", min: " + n(d.min) + ", max: " + n(d.max);
    case DistributionKind::lognormal: return "dist: lognormal, mu: " + n(d.mu) + ", sigma: " + n(d.sigma);
    case DistributionKind::uniform: return "dist: uniform, min: " + n(d.min) + ", max: " + n(d.max);
    case DistributionKind::mixture: {
      std::string list;
      for (const auto& c : d.components)
        list += (list.empty() ? "{weight: " : ", {weight: ") + n(c.weight) + ", " + fields(c.distribution) + "}";
      return "dist: mixture, components: [" + list + "]";
    }
  }
  return "";
}

/// A number for a reader's eye in a comment; the values themselves keep every digit.
std::string approx(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", x);
  return text;
}

/// One parameter's value: a plain number when fixed, else a flow mapping.
std::string value_text(const Distribution& d) {
  if (d.kind == DistributionKind::fixed) return format_number(d.value);
  std::string text = "{";  // appended, not "{" + ...: GCC 12 -O3 misreports that (-Wrestrict, PR 105651)
  text += fields(d);
  return text += "}";
}

/// The family section as given: each further caregiver's own draws (others at the table
/// defaults), supports and edges, by name.
std::string family_yaml(const FamilySpec& family) {
  std::ostringstream out;
  out << "family:\n  caregivers:\n";
  for (const auto& c : family.caregivers) {
    out << "    - name: " << c.name << "\n      share_of_bouts: " << format_number(c.share_of_bouts) << "\n";
    if (c.resemblance != 0) out << "      resemblance: " << format_number(c.resemblance) << "\n";
    if (!c.draws.empty()) out << "      caregiver:\n";
    for (const auto& d : c.draws) out << "        " << parameter_table()[d.parameter].name << ": " << value_text(d.distribution) << "\n";
  }
  out << "  supports:" << (family.supports.empty() ? " []" : "") << "\n";
  for (const auto& name : family.supports) out << "    - {name: " << name << "}\n";
  out << "  edges:" << (family.edges.empty() ? " []" : "") << "\n";
  for (const auto& e : family.edges)
    out << "    - {from: " << family.member(e.from) << ", to: " << family.member(e.to) << ", stress: " << format_number(e.stress)
        << ", support: " << format_number(e.support) << "}\n";
  return out.str();
}

}  // namespace

std::string resolved_scenario_yaml(const Scenario& s) {
  std::ostringstream out;
  out << "# Resolved scenario: every setting in force and every parameter of the table.\n"
      << "# From " << s.file;
  for (const auto& base : s.bases) out << " on base " << base;
  out << " (sha256 " << s.sha256 << ").\n";
  // Values set beside the file are in force below; the file and its sha256 do not show them.
  for (const auto& override : s.overrides) out << "# Override: " << override << "\n";
  out << "# A normal or lognormal is truncated at the parameter's valid range.\n"
      << "name: " << quoted(s.name) << "\n"
      << "description: " << quoted(s.description) << "\n"
      << "seed: " << s.seed << "\n"
      << "dyads: " << s.dyads << "\n"
      << "span_days: " << s.span_days << "\n"
      << "bouts_per_day: " << s.bouts_per_day << "\n"
      << "bout_seconds: " << s.bout_seconds << "\n"
      << "population:\n";
  const auto& table = parameter_table();
  std::string group;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& row = table[i];
    if (row.group != group) out << "  " << (group = row.group) << ":\n";
    const ParameterDraw* draw = nullptr;
    for (const auto& d : s.population)
      if (d.parameter == i) draw = &d;
    // A value fixed at the default reads back the same as one left out, so resolving twice changes nothing.
    const Distribution fallback{.kind = DistributionKind::fixed, .value = row.default_value};
    const Distribution& d = draw ? draw->distribution : fallback;
    out << "    " << row.name << ": " << value_text(d) << "  # "
        << (d == fallback ? "default" : d.kind == DistributionKind::fixed ? "fixed" : "mean " + approx(mean(d)));
    out << "; unit " << row.unit << "; range [" << format_number(row.min) << ", " << format_number(row.max) << "]\n";
  }
  out << "correlations:" << (s.correlations.empty() ? " []" : "") << "\n";
  for (const auto& c : s.correlations)
    out << "  - {between: [" << table[c.a].qualified() << ", " << table[c.b].qualified() << "], rho: " << format_number(c.rho)
        << "}\n";
  out << "assessments:\n  strange_situation:\n    ages_months: [";
  for (std::size_t i = 0; i < s.strange_situation.ages_months.size(); ++i)
    out << (i ? ", " : "") << format_number(s.strange_situation.ages_months[i]);
  out << "]\n";
  if (s.still_face.scheduled)
    out << "  still_face:\n    age_months: " << format_number(s.still_face.age_months)
        << "\n    phase_seconds: " << s.still_face.phase_seconds << "\n";
  out << scenario_detail::sensitivity_observation_yaml(s.sensitivity_observation);
  out << scenario_detail::arms_yaml(s.arms);
  if (s.family.present()) out << family_yaml(s.family);
  return out.str();
}

}  // namespace attune

#include "analysis/run/terminal_summary.hpp"

#include <cstdio>
#include <cstdint>
#include <string>

#include "models/assessments/still_face.hpp"

namespace attune {

namespace {

/// "0.123 [0.110, 0.136]" for a {"mean", "ci95"} entry (no interval below two dyads).
std::string mean_with_ci(const nlohmann::json& m) {
  char text[64];
  if (m["ci95"].is_null()) {
    std::snprintf(text, sizeof text, "%.3f", m["mean"].get<double>());
  } else {
    std::snprintf(text, sizeof text, "%.3f [%.3f, %.3f]", m["mean"].get<double>(), m["ci95"][0].get<double>(),
                  m["ci95"][1].get<double>());
  }
  return text;
}

void print_still_face(std::ostream& out, const nlohmann::json& sf) {
  char line[256];
  std::snprintf(line, sizeof line, "\nStill-face paradigm at %g months (%d s a phase, %llu infants): share of seconds, 95%% CI\n",
                sf["age_months"].get<double>(), sf["phase_seconds"].get<int>(), sf["n"].get<unsigned long long>());
  out << line;
  if (sf["n"].get<unsigned long long>() == 0) return;
  std::snprintf(line, sizeof line, "%-11s %-24s %-24s %-24s\n", "phase", "negative affect", "positive affect", "gaze to caregiver");
  out << line;
  for (const char* phase : kStillFacePhaseNames) {
    const auto& p = sf[phase];
    std::snprintf(line, sizeof line, "%-11s %-24s %-24s %-24s\n", phase, mean_with_ci(p["negative_affect"]).c_str(),
                  mean_with_ci(p["positive_affect"]).c_str(), mean_with_ci(p["gaze"]).c_str());
    out << line;
  }
  // d is null (NaN) when a phase's measure does not vary across infants.
  const auto d = [&](const char* contrast, const char* measure) {
    const auto& value = sf["effect_sizes"][contrast][measure]["d"];
    char text[16];
    if (value.is_null()) return std::string("n/a");
    std::snprintf(text, sizeof text, "%+.2f", value.get<double>());
    return std::string(text);
  };
  for (const char* contrast : {"play_vs_still_face", "still_face_vs_reunion", "play_vs_reunion"}) {
    std::snprintf(line, sizeof line, "d_av %-22s negative affect %6s  positive affect %6s  gaze %6s\n", contrast,
                  d(contrast, "negative_affect").c_str(), d(contrast, "positive_affect").c_str(), d(contrast, "gaze").c_str());
    out << line;
  }
  out << "recovery (reunion minus still-face positive affect): " << mean_with_ci(sf["recovery"]) << "\n";
}

/// The observed caregiver sensitivity, and its correlation with security beside the published one.
void print_sensitivity_observation(std::ostream& out, const nlohmann::json& so) {
  const auto& overall = so["observed_sensitivity"];
  const auto& literature = so["literature"];
  if (overall["mean"].is_null() || literature["r"].is_null() || literature["ci95"].is_null()) return;
  std::string ages;
  char line[400];
  for (const auto& age : so["ages_months"]) {
    std::snprintf(line, sizeof line, "%s%g", ages.empty() ? "" : ", ", age.get<double>());
    ages.append(line);
  }
  std::snprintf(line, sizeof line,
                "cross-check: observed sensitivity (Ainsworth 1-9; %s months, %d min) mean %.2f (SD %.2f); r with "
                "security %.3f [%.3f, %.3f], published %.2f [%.2f, %.2f]: %s; %s\n",
                ages.c_str(), so["minutes"].get<int>(), overall["mean"].get<double>(),
                overall["sd"].is_null() ? 0.0 : overall["sd"].get<double>(), literature["r"].get<double>(),
                literature["ci95"][0].get<double>(), literature["ci95"][1].get<double>(),
                literature["published"].get<double>(), literature["published_range"][0].get<double>(),
                literature["published_range"][1].get<double>(),
                literature["inside_published_range"].get<bool>()          ? "inside"
                : literature["ci95_overlaps_published_range"].get<bool>() ? "outside (CI overlaps)"
                                                                           : "outside",
                literature["source"].get<std::string>().c_str());
  out << line;
}

/// Each caregiver's class shares, and the concordance of the first two.
void print_family(std::ostream& out, const nlohmann::json& family) {
  char line[256];
  out << "\nAttachment with each caregiver (Strange Situation)\n";
  for (const auto& c : family["caregivers"]) {
    const auto& k = c["classification"];
    std::snprintf(line, sizeof line, "%-14s %3.0f%% of bouts  A %5.1f%%  B %5.1f%%  C %5.1f%%  D %5.1f%%  stress %.3g\n",
                  c["name"].get<std::string>().c_str(), 100 * c["observed_share_of_bouts"].get<double>(),
                  100 * k["A"]["proportion"].get<double>(), 100 * k["B"]["proportion"].get<double>(),
                  100 * k["C"]["proportion"].get<double>(), 100 * k["D"]["proportion"].get<double>(),
                  c["mean_caregiver_stress"]["mean"].get<double>());
    out << line;
  }
  if (!family.contains("concordance")) return;
  for (const char* kind : {"four_classes", "secure_insecure"}) {
    const auto& a = family["concordance"][kind];
    if (a["kappa"].is_null()) continue;
    std::snprintf(line, sizeof line, "concordance, %-16s agreement %5.1f%%  kappa %.3f  [%.3f, %.3f]\n", kind,
                  100 * a["agreement"].get<double>(), a["kappa"].get<double>(), a["kappa_ci95"][0].get<double>(),
                  a["kappa_ci95"][1].get<double>());
    out << line;
  }
}

/// The forced A/B/C and the interaction metrics beside their published figures.
void print_cross_checks(std::ostream& out, const nlohmann::json& checks) {
  char line[256];
  const auto& forced = checks["forced_classification"];
  if (!forced.empty()) {
    std::string shares, published;
    for (const auto& row : forced) {
      char cell[32];
      std::snprintf(cell, sizeof cell, "%s%.0f", shares.empty() ? "" : "/", 100 * row["proportion"].get<double>());
      shares += cell;
      std::snprintf(cell, sizeof cell, "%s%.0f", published.empty() ? "" : "/", 100 * row["published"].get<double>());
      published += cell;
    }
    out << "cross-check: forced A/B/C " << shares << " % against " << published << " %; "
        << forced[0]["source"].get<std::string>() << " (no band)\n";
  }
  for (const auto& row : checks["interaction"]) {
    std::snprintf(line, sizeof line, "cross-check: %s (%s) %.3g, published range [%.3g, %.3g]: %s; %s\n",
                  row["metric"].get<std::string>().c_str(), row["statistic"].get<std::string>().c_str(),
                  row["value"].get<double>(), row["published_range"][0].get<double>(),
                  row["published_range"][1].get<double>(), row["inside_published_range"].get<bool>() ? "inside" : "outside",
                  row["source"].get<std::string>().c_str());
    out << line;
  }
}

}  // namespace

void print_terminal_summary(std::ostream& out, const nlohmann::json& summary) {
  char line[256];
  std::snprintf(line, sizeof line, "attune %s  scenario %s  %llu dyads  seed %llu  %.1f s  (%.0f dyads/s)\n",
                summary["attune_version"].get<std::string>().c_str(),
                summary["scenario"].get<std::string>().c_str(),
                summary["n_dyads"].get<unsigned long long>(), summary["seed"].get<unsigned long long>(),
                summary["wall_seconds"].get<double>(), summary["dyads_per_second"].get<double>());
  out << line;
  std::snprintf(line, sizeof line, "%-26s %10s %21s %10s %10s %10s\n", "metric", "mean", "95% CI of mean",
                "p05", "median", "p95");
  out << line;
  for (const auto& [name, m] : summary["metrics"].items()) {
    if (!m.contains("mean")) continue;
    const auto ci = m.contains("ci95") ? m["ci95"] : nlohmann::json::array({m["mean"], m["mean"]});
    const auto& q = m["quantiles"];
    std::snprintf(line, sizeof line, "%-26s %10.4g  [%8.4g, %8.4g] %10.4g %10.4g %10.4g\n", name.c_str(),
                  m["mean"].get<double>(), ci[0].get<double>(), ci[1].get<double>(), q["p05"].get<double>(),
                  q["p50"].get<double>(), q["p95"].get<double>());
    out << line;
  }
  if (summary.contains("still_face")) print_still_face(out, summary["still_face"]);
  if (!summary.contains("literature") || summary["classification"]["n_assessed"].get<std::uint64_t>() == 0) return;
  out << "\nStrange Situation classification (" << summary["classification"]["n_assessed"].get<std::uint64_t>()
      << " infants assessed) beside the published figures\n";
  std::snprintf(line, sizeof line, "%-6s %8s %19s %10s %14s %8s  %s\n", "class", "share", "95% CI (Wilson)",
                "published", "range", "diff", "inside");
  out << line;
  for (const auto& row : summary["literature"]) {
    std::snprintf(line, sizeof line, "%-6s %7.1f%%  [%5.1f%%, %5.1f%%] %9.0f%%  [%3.0f%%, %3.0f%%] %+7.1f  %s\n",
                  row["classification"].get<std::string>().c_str(), 100 * row["proportion"].get<double>(),
                  100 * row["ci95"][0].get<double>(), 100 * row["ci95"][1].get<double>(),
                  100 * row["published"].get<double>(), 100 * row["published_range"][0].get<double>(),
                  100 * row["published_range"][1].get<double>(), 100 * row["difference"].get<double>(),
                  row["inside_published_range"].get<bool>()          ? "yes"
                  : row["ci95_overlaps_published_range"].get<bool>() ? "no (CI overlaps)"
                                                                      : "no");
    out << line;
  }
  out << "published: " << summary["literature"][0]["source"].get<std::string>() << " (science.md)\n";
  if (summary.contains("literature_cross_checks")) print_cross_checks(out, summary["literature_cross_checks"]);
  if (summary.contains("sensitivity_observation")) print_sensitivity_observation(out, summary["sensitivity_observation"]);
  if (summary.contains("family")) print_family(out, summary["family"]);
}

}  // namespace attune

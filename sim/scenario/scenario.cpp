#include "sim/scenario/scenario.hpp"

#include "models/dyad_life.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include <Eigen/Cholesky>

#include "models/parameter_table.hpp"
#include "sim/scenario/distribution_parse.hpp"
#include "sim/scenario/scenario_arms.hpp"
#include "sim/scenario/scenario_inherit.hpp"
#include "sim/scenario/scenario_observation.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "sim/io/sha256.hpp"

namespace attune {
namespace {

using namespace scenario_detail;

const std::vector<std::string> kTopLevelKeys = {"name",          "description",  "seed",         "dyads",
                                                "span_days",     "bouts_per_day", "bout_seconds", "population",
                                                "correlations",  "assessments",   "arms",
                                                "family"};

std::string joined(const std::vector<ScenarioIssue>& issues) {
  std::string text;
  for (const auto& issue : issues) {
    if (!text.empty()) text += '\n';
    text += issue.to_string();
  }
  return text;
}

/// Names of the parameter groups, in table order.
std::vector<std::string> group_names() {
  std::vector<std::string> names;
  for (const auto& row : parameter_table())
    if (std::find(names.begin(), names.end(), row.group) == names.end()) names.push_back(row.group);
  return names;
}

/// Fills a Scenario from a parsed document, recording every issue on the way.
class Loader {
 public:
  Loader(Scenario& scenario, Issues& issues) : scenario_(scenario), issues_(issues) {}

  void document(const Located& root) {
    const auto all = map_entries(root, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, kTopLevelKeys, "top-level key", issues_);
    for (const char* key : {"name", "span_days", "bouts_per_day", "bout_seconds"})
      if (!find(*all, key)) issues_.add(root.mark(), key, std::string("missing required key '") + key + "'");
    if (const Located* at = find(entries, "name")) {
      if (auto name = read_string(*at, issues_)) {
        if (const std::string problem = folder_name_problem(*name); !problem.empty()) issues_.add(*at, problem);
        scenario_.name = *name;
      }
    }
    if (const Located* at = find(entries, "description")) scenario_.description = read_string(*at, issues_).value_or("");
    const auto any = std::numeric_limits<std::uint64_t>::max();
    if (const Located* at = find(entries, "seed")) scenario_.seed = read_integer(*at, 0, any, "random seed", issues_).value_or(1);
    if (const Located* at = find(entries, "dyads"))
      scenario_.dyads = read_integer(*at, 1, kMaxDyadsPerRun, "dyads", issues_).value_or(1000);
    scenario_.span_days = integer(entries, "span_days", 1, kMaxSpanDays, "days");
    scenario_.bouts_per_day = integer(entries, "bouts_per_day", 1, 100, "interaction bouts a day");
    scenario_.bout_seconds = integer(entries, "bout_seconds", 10, 7200, "seconds");
    if (const Located* at = find(entries, "population")) population(*at);
    if (const Located* at = find(entries, "correlations")) correlations(*at);
    if (const Located* at = find(entries, "assessments")) assessments(*at);
    if (const Located* at = find(entries, "arms")) read_arms(*at, scenario_, issues_);
    if (const Located* at = find(entries, "family")) load_family(*at, scenario_.family, issues_);
  }

 private:
  Scenario& scenario_;
  Issues& issues_;
  std::set<std::size_t> mentioned_;  ///< parameters the population names, valid or not

  /// A required bounded integer; 0 when absent or invalid (already reported).
  int integer(const std::vector<Located>& entries, std::string_view key, int lo, int hi, std::string_view unit) {
    const Located* at = find(entries, key);
    if (!at) return 0;
    return static_cast<int>(read_integer(*at, lo, hi, unit, issues_).value_or(0));
  }

  void population(const Located& at) {
    const auto groups = map_entries(at, issues_);
    if (!groups) return;
    for (const auto& group : known_entries(*groups, group_names(), "parameter group", issues_)) {
      const auto all = map_entries(group, issues_);
      if (!all) continue;
      std::vector<std::string> names;
      for (const auto& row : parameter_table())
        if (row.group == group.name) names.push_back(row.name);
      for (const auto& entry : known_entries(*all, names, "parameter", issues_)) {
        const std::size_t index = *find_parameter(group.name, entry.name);
        mentioned_.insert(index);
        if (auto d = parse_parameter_value(entry, parameter_table()[index], issues_))
          scenario_.population.push_back({index, std::move(*d)});
      }
    }
    std::sort(scenario_.population.begin(), scenario_.population.end(),
              [](const ParameterDraw& x, const ParameterDraw& y) { return x.parameter < y.parameter; });
  }

  /// The table index of a "group.name" a correlation may use, or nullopt after an issue.
  std::optional<std::size_t> correlated_parameter(const Located& at) {
    const auto text = read_string(at, issues_);
    if (!text) return std::nullopt;
    const auto dot = text->find('.');
    const auto index = dot == std::string::npos ? std::nullopt : find_parameter(text->substr(0, dot), text->substr(dot + 1));
    if (!index) {
      std::vector<std::string> names;
      for (const auto& row : parameter_table()) names.push_back(row.qualified());
      issues_.add(at, "unknown parameter '" + *text + "' (write group.name)" + suggestion(*text, names, false));
      return std::nullopt;
    }
    const auto draw = std::find_if(scenario_.population.begin(), scenario_.population.end(),
                                   [&](const ParameterDraw& d) { return d.parameter == *index; });
    if (draw == scenario_.population.end()) {
      // A parameter whose own entry failed has been reported already.
      if (!mentioned_.count(*index))
        issues_.add(at, *text + " is not drawn: give it a distribution under population." + *text + " to correlate it");
      return std::nullopt;
    }
    if (draw->distribution.kind == DistributionKind::fixed) {
      issues_.add(at, *text + " is fixed, not drawn, so it cannot be correlated");
      return std::nullopt;
    }
    return index;
  }

  /// The two parameters a correlation names, in table order; nullopt after an issue.
  std::optional<std::pair<std::size_t, std::size_t>> pair(const Located& between) {
    const auto items = sequence_items(between, issues_);
    if (!items) return std::nullopt;
    if (items->size() != 2) {
      issues_.add(between, "expected two parameters, got " + std::to_string(items->size()));
      return std::nullopt;
    }
    const auto a = correlated_parameter((*items)[0]);
    const auto b = correlated_parameter((*items)[1]);
    if (!a || !b) return std::nullopt;
    if (*a == *b) {
      issues_.add(between, "a parameter cannot be correlated with itself");
      return std::nullopt;
    }
    return std::pair{std::min(*a, *b), std::max(*a, *b)};
  }

  std::optional<double> rho(const Located& at) {
    const auto rho = read_number(at, issues_);
    if (rho && !(std::abs(*rho) < 1)) {
      issues_.add(at, "rho must lie strictly between -1 and 1, got " + format_number(*rho));
      return std::nullopt;
    }
    return rho;
  }

  void correlations(const Located& at) {
    const auto items = sequence_items(at, issues_);
    if (!items) return;
    for (const auto& item : *items) {
      const auto all = map_entries(item, issues_);
      if (!all) continue;
      const auto entries = known_entries(*all, {"between", "rho"}, "key for a correlation", issues_);
      const Located* between = find(entries, "between");
      const Located* rho_at = find(entries, "rho");
      for (const char* key : {"between", "rho"})
        if (!find(*all, key)) issues_.add(item.mark(), item.path + "." + key, std::string("missing required key '") + key + "'");
      const auto pair = between ? this->pair(*between) : std::nullopt;
      const auto rho = rho_at ? this->rho(*rho_at) : std::nullopt;
      if (!pair || !rho) continue;
      const Correlation c{pair->first, pair->second, *rho};
      const auto same = std::find_if(scenario_.correlations.begin(), scenario_.correlations.end(),
                                     [&](const Correlation& o) { return o.a == c.a && o.b == c.b; });
      if (same != scenario_.correlations.end()) {
        issues_.add(*between, "this pair is already correlated by an earlier entry");
        continue;
      }
      scenario_.correlations.push_back(c);
    }
    positive_definite(at);
  }

  /// Pairwise valid correlations can still be jointly impossible (a~b and b~c
  /// strongly positive, a~c strongly negative); the copula needs a Cholesky factor.
  void positive_definite(const Located& at) {
    std::vector<std::size_t> involved;
    for (const auto& c : scenario_.correlations)
      for (std::size_t p : {c.a, c.b})
        if (std::find(involved.begin(), involved.end(), p) == involved.end()) involved.push_back(p);
    const auto position = [&](std::size_t p) { return std::find(involved.begin(), involved.end(), p) - involved.begin(); };
    Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(involved.size(), involved.size());
    for (const auto& c : scenario_.correlations) matrix(position(c.a), position(c.b)) = matrix(position(c.b), position(c.a)) = c.rho;
    if (Eigen::LLT<Eigen::MatrixXd>(matrix).info() != Eigen::Success)
      issues_.add(at, "the correlations are not jointly possible: their matrix is not positive definite");
  }

  void assessments(const Located& at) {
    const auto all = map_entries(at, issues_);
    if (!all) return;
    const auto entries =
        known_entries(*all, {"strange_situation", "still_face", "sensitivity_observation"}, "assessment", issues_);
    if (const Located* strange = find(entries, "strange_situation")) strange_situation(*strange);
    if (const Located* still = find(entries, "still_face")) still_face(*still);
    if (const Located* observed = find(entries, "sensitivity_observation"))
      read_sensitivity_observation(*observed, scenario_, issues_);
  }

  /// "age N months (day D) is after the end of span_days S"
  std::string after_span(double age) const {
    // Appends rather than operator+ chains: GCC 12 -O3 warns falsely on those (PR 105651).
    std::string message = "age ";
    message.append(format_number(age)).append(" months (day ").append(std::to_string(assessment_day(age)));
    message.append(") is after the end of span_days ").append(std::to_string(scenario_.span_days));
    return message;
  }

  void still_face(const Located& still) {
    const auto all = map_entries(still, issues_);
    if (!all) return;
    const auto keys = known_entries(*all, {"age_months", "phase_seconds"}, "key for the still_face assessment", issues_);
    const Located* age_at = find(keys, "age_months");
    if (!age_at) {
      issues_.add(still.mark(), still.path + ".age_months", "missing required key 'age_months'");
      return;
    }
    bool valid = true;
    if (const Located* seconds_at = find(keys, "phase_seconds")) {
      // Two minutes is the standard (Tronick et al. 1978); shorter or longer phases are in
      // use, within these bounds (assumption).
      const auto seconds = read_integer(*seconds_at, 30, 300, "seconds per phase", issues_);
      valid = seconds.has_value();
      if (seconds) scenario_.still_face.phase_seconds = static_cast<int>(*seconds);
    }
    const auto age = read_number(*age_at, issues_);
    if (!age) return;
    // Face-to-face play without toys, which the paradigm interrupts, is the infant's social
    // setting from about 2 months and gives way to play with objects late in the first
    // year (assumption; the range the project asked for).
    if (*age < 2 || *age > 9) {
      issues_.add(*age_at, "age " + format_number(*age) + " months is outside [2, 9] months");
    } else if (scenario_.span_days > 0 && assessment_day(*age) > scenario_.span_days) {
      issues_.add(*age_at, after_span(*age));
    } else if (valid) {
      scenario_.still_face.scheduled = true;
      scenario_.still_face.age_months = *age;
    }
  }

  void strange_situation(const Located& strange) {
    const auto keys = map_entries(strange, issues_);
    if (!keys) return;
    known_entries(*keys, {"ages_months"}, "key for the strange_situation assessment", issues_);
    const Located* ages_at = find(*keys, "ages_months");
    if (!ages_at) {
      issues_.add(strange.mark(), strange.path + ".ages_months", "missing required key 'ages_months'");
      return;
    }
    const auto items = sequence_items(*ages_at, issues_);
    if (!items) return;
    for (const auto& item : *items) {
      const auto age = read_number(item, issues_);
      if (!age) continue;
      if (*age < 6 || *age > 30) {
        issues_.add(item, "age " + format_number(*age) + " months is outside [6, 30] months");
      } else if (!scenario_.strange_situation.ages_months.empty() && *age <= scenario_.strange_situation.ages_months.back()) {
        issues_.add(item, "ages must be in ascending order: " + format_number(*age) + " comes after " +
                              format_number(scenario_.strange_situation.ages_months.back()));
      } else if (scenario_.span_days > 0 && assessment_day(*age) > scenario_.span_days) {
        issues_.add(item, after_span(*age));
      } else if (scenario_.strange_situation.ages_months.size() >= static_cast<std::size_t>(kMaxStrangeSituations)) {
        std::string message = "at most ";
        message.append(std::to_string(kMaxStrangeSituations)).append(" Strange Situations per dyad");
        issues_.add(item, message);
      } else {
        scenario_.strange_situation.ages_months.push_back(*age);
      }
    }
  }
};

/// Issues in reading order: the file named first, then each base; within a file top to
/// bottom, as an editor shows them, file-level issues (line 0) first.
void sort_for_reading(std::vector<ScenarioIssue>& issues, const std::vector<std::string>& files) {
  const auto rank = [&](const ScenarioIssue& issue) {
    return std::tuple{std::find(files.begin(), files.end(), issue.file) - files.begin(), issue.line, issue.column};
  };
  std::stable_sort(issues.begin(), issues.end(),
                   [&](const ScenarioIssue& x, const ScenarioIssue& y) { return rank(x) < rank(y); });
}

/// Loads the YAML `text` of `file`, merged over its chain of bases, into `scenario`, after
/// `edit` (if any) has changed the merged tree; returns every issue found.
std::vector<ScenarioIssue> parse_text(const std::string& file, const std::string& text, Scenario& scenario,
                                      const std::function<void(YAML::Node&)>& edit = nullptr,
                                      const ScenarioFileReader& read_base = read_scenario_bytes) {
  std::vector<ScenarioIssue> all;
  Chain chain = read_chain(file, text, all, read_base);
  scenario.file = file;
  scenario.text = text;
  scenario.bases.assign(chain.files.begin() + 1, chain.files.end());
  std::string texts;  // what determines the results: every file of the chain, the named one first
  for (const auto& bytes : chain.texts) texts += bytes;
  scenario.sha256 = sha256_hex(texts);
  if (chain.root) {
    if (edit) edit(*chain.root);
    Issues issues(file, chain.origins);
    Loader(scenario, issues).document(root(*chain.root));
    auto found = issues.take();
    all.insert(all.end(), found.begin(), found.end());
  }
  sort_for_reading(all, chain.files);
  return all;
}

/// Loads `path` into `scenario`; returns every issue found.
std::vector<ScenarioIssue> parse(const std::string& path, Scenario& scenario,
                                  const std::function<void(YAML::Node&)>& edit = nullptr) {
  std::string reason;
  const auto text = read_scenario_bytes(path, reason);
  if (!text) {
    scenario.file = path;
    return {{path, 0, 0, "", reason}};
  }
  return parse_text(path, *text, scenario, edit);
}

}  // namespace

std::string ScenarioIssue::to_string() const {
  std::string out = file + ":";
  if (line > 0) out += std::to_string(line) + ":" + std::to_string(column) + ":";
  out += " ";
  if (!key.empty()) out += "key '" + key + "': ";
  return out + message;
}

ScenarioError::ScenarioError(std::vector<ScenarioIssue> all) : std::runtime_error(joined(all)), issues(std::move(all)) {}

Scenario load_scenario(const std::string& path) {
  Scenario scenario;
  auto issues = parse(path, scenario);
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::function<void(YAML::Node&)>& edit) {
  Scenario scenario;
  auto issues = parse(path, scenario, edit);
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return scenario;
}

Scenario load_scenario_text(const std::string& file, const std::string& text) {
  Scenario scenario;
  auto issues = parse_text(file, text, scenario);
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return scenario;
}

Scenario load_scenario_text(const std::string& file, const std::string& text, const ScenarioFileReader& read_base,
                            const std::function<void(YAML::Node&)>& edit) {
  Scenario scenario;
  auto issues = parse_text(file, text, scenario, edit, read_base);
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return scenario;
}

std::vector<ScenarioIssue> validate_scenario(const std::string& path) {
  Scenario scenario;
  return parse(path, scenario);
}

std::vector<ScenarioIssue> validate_scenario(const std::string& path, const std::function<void(YAML::Node&)>& edit) {
  Scenario scenario;
  return parse(path, scenario, edit);
}

}  // namespace attune

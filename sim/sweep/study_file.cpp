#include "sim/sweep/study_file.hpp"

#include <filesystem>
#include <limits>

#include "sim/scenario/input_file.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

using namespace scenario_detail;
namespace fs = std::filesystem;

std::string beside_file(const std::string& file, const std::string& path) {
  if (fs::path(path).is_absolute()) return path;
  return (fs::path(file).parent_path() / path).lexically_normal().string();
}

namespace {

/// Records that `at` in `file` sets `scenario_key` of the base scenario.
void overrides(StudySettings& settings, const std::string& file, const Located& at, const std::string& scenario_key) {
  const YAML::Mark mark = at.mark();
  settings.overrides.push_back({scenario_key, {file, mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1, at.path, ""}});
}

}  // namespace

std::vector<ScenarioIssue> at_overrides(std::vector<ScenarioIssue> issues, const StudySettings& settings) {
  for (auto& issue : issues)
    for (const auto& site : settings.overrides) {
      const std::string& key = site.scenario_key;
      const bool under = issue.key.size() > key.size() && issue.key.compare(0, key.size(), key) == 0 &&
                         (issue.key[key.size()] == '.' || issue.key[key.size()] == '[');
      if (issue.key != key && !under) continue;
      std::string message = std::move(issue.message);
      issue = site.at;
      issue.message = std::move(message);
      break;
    }
  return issues;
}

StudySettings read_study_settings(const Located& root, const std::vector<Located>& entries, const std::string& file,
                                  const std::string& runs, Issues& issues) {
  const auto any = std::numeric_limits<std::uint64_t>::max();
  StudySettings settings;
  settings.name = fs::path(file).stem().string();
  if (const Located* at = find(entries, "name")) {
    if (auto name = read_string(*at, issues)) {
      if (const std::string problem = folder_name_problem(*name); !problem.empty()) issues.add(*at, problem);
      settings.name = *name;
    }
  } else if (const std::string problem = folder_name_problem(settings.name); !problem.empty()) {
    issues.add(root.mark(), "name", "no name given, and the file's own cannot stand in: " + problem);
  }
  if (const Located* at = find(entries, "base")) {
    if (auto base = read_string(*at, issues)) {
      settings.base = beside_file(file, *base);
      if (const auto problem = input_file_problem(settings.base, "base scenario"); !problem.empty())
        issues.add(*at, settings.base + ": " + problem);
    }
  } else {
    issues.add(root.mark(), "base", "missing required key 'base' (the scenario every " + runs + " starts from)");
  }
  if (const Located* at = find(entries, "dyads")) {
    settings.dyads = read_integer(*at, 1, kMaxDyadsPerRun, "dyads per " + runs, issues);
    overrides(settings, file, *at, "dyads");
  }
  if (const Located* at = find(entries, "span_days")) {
    if (auto days = read_integer(*at, 1, kMaxSpanDays, "days", issues)) settings.span_days = static_cast<int>(*days);
    overrides(settings, file, *at, "span_days");
  }
  const auto ages = [&](const char* key, std::optional<std::vector<double>>& out, const std::string& scenario_key) {
    if (const Located* at = find(entries, key))
      if (const auto items = sequence_items(*at, issues)) {
        out.emplace();
        // Items first: an issue about one age goes to its own line, one about the list to the key's.
        for (const auto& item : *items)
          if (auto age = read_number(item, issues)) {
            overrides(settings, file, item, scenario_key + "[" + std::to_string(out->size()) + "]");
            out->push_back(*age);
          }
        overrides(settings, file, *at, scenario_key);
      }
  };
  ages("strange_situation_months", settings.strange_situation_months, "assessments.strange_situation.ages_months");
  ages("sensitivity_observation_months", settings.sensitivity_observation_months,
       "assessments.sensitivity_observation.ages_months");
  if (const Located* at = find(entries, "seed")) settings.seed = read_integer(*at, 0, any, "random seed", issues).value_or(1);
  return settings;
}

void load_study_file(const std::string& path, const std::string& kind, std::string& text,
                     const std::function<void(const Located&, Issues&)>& read) {
  Issues issues(path);
  std::string reason;
  auto bytes = read_input_file(path, kind, reason);
  if (!bytes) {
    issues.add_file(reason);
    throw ScenarioError(issues.take());
  }
  text = std::move(*bytes);
  try {
    const auto documents = YAML::LoadAll(text);
    if (documents.size() != 1) issues.add_file("the file must hold exactly one YAML document");
    else if (!within_node_limit(documents.front())) issues.add_file(node_limit_message());
    else read(root(documents.front()), issues);
  } catch (const YAML::Exception& error) {
    issues.add(error.mark, "", "YAML syntax error: " + error.msg);
  }
  if (issues.size() > 0) throw ScenarioError(issues.take());
}

}  // namespace attune

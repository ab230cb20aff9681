#include "sim/sweep/study_file.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "sim/scenario/scenario.hpp"

namespace attune {

using namespace scenario_detail;
namespace fs = std::filesystem;

std::string beside_file(const std::string& file, const std::string& path) {
  if (fs::path(path).is_absolute()) return path;
  return (fs::path(file).parent_path() / path).lexically_normal().string();
}

StudySettings read_study_settings(const Located& root, const std::vector<Located>& entries, const std::string& file,
                                  const std::string& runs, Issues& issues) {
  const auto any = std::numeric_limits<std::uint64_t>::max();
  StudySettings settings;
  settings.name = fs::path(file).stem().string();
  if (const Located* at = find(entries, "name"))
    if (auto name = read_string(*at, issues)) {
      if (name->empty()) issues.add(*at, "the name must not be empty");
      settings.name = *name;
    }
  if (const Located* at = find(entries, "base")) {
    if (auto base = read_string(*at, issues)) {
      settings.base = beside_file(file, *base);
      if (!fs::is_regular_file(settings.base)) issues.add(*at, "base scenario " + settings.base + " not found");
    }
  } else {
    issues.add(root.mark(), "base", "missing required key 'base' (the scenario every " + runs + " starts from)");
  }
  if (const Located* at = find(entries, "dyads")) settings.dyads = read_integer(*at, 1, any, "dyads per " + runs, issues);
  if (const Located* at = find(entries, "span_days"))
    if (auto days = read_integer(*at, 1, 1100, "days", issues)) settings.span_days = static_cast<int>(*days);
  const auto ages = [&](const char* key, std::optional<std::vector<double>>& out) {
    if (const Located* at = find(entries, key))
      if (const auto items = sequence_items(*at, issues)) {
        out.emplace();
        for (const auto& item : *items)
          if (auto age = read_number(item, issues)) out->push_back(*age);
      }
  };
  ages("strange_situation_months", settings.strange_situation_months);
  ages("sensitivity_observation_months", settings.sensitivity_observation_months);
  if (const Located* at = find(entries, "seed")) settings.seed = read_integer(*at, 0, any, "random seed", issues).value_or(1);
  return settings;
}

void load_study_file(const std::string& path, const std::string& kind, std::string& text,
                     const std::function<void(const Located&, Issues&)>& read) {
  Issues issues(path);
  std::ifstream in(path, std::ios::binary);
  if (!fs::is_regular_file(path) || !in) {
    issues.add_file(fs::exists(path) ? "is not a readable " + kind : kind + " not found");
    throw ScenarioError(issues.take());
  }
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  try {
    const auto documents = YAML::LoadAll(text);
    if (documents.size() != 1) issues.add_file("the file must hold exactly one YAML document");
    else read(root(documents.front()), issues);
  } catch (const YAML::Exception& error) {
    issues.add(error.mark, "", "YAML syntax error: " + error.msg);
  }
  if (issues.size() > 0) throw ScenarioError(issues.take());
}

}  // namespace attune

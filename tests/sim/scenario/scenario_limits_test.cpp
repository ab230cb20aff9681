// Tests of the scenario loader's limits (README "Limits"): distributions no quantile can
// invert, input files and text too large, ages past the span; each refused at its key.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/distribution.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/population.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "tests/support/process_support.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;
using attune::testing::kScenarioHead;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

/// The issues of a scenario held in memory (none when it loads).
std::vector<ScenarioIssue> limits_issues_of(const std::string& text) {
  try {
    load_scenario_text("limits.yaml", text);
  } catch (const ScenarioError& e) {
    return e.issues;
  }
  return {};
}

/// Every issue, one a line, for the failure message.
std::string limits_listed(const std::vector<ScenarioIssue>& issues) {
  std::string all;
  for (const auto& issue : issues) all += issue.to_string() + "\n";
  return all;
}

/// The scenario head with caregiver.rejection drawn from `distribution`.
std::string limits_rejection(const std::string& distribution) {
  return kScenarioHead + "population:\n  caregiver:\n    rejection: " + distribution + "\n";
}

}  // namespace

TEST_CASE("sim/scenario: a distribution no quantile can invert is refused by the loader at its key") {
  struct Case {
    std::string distribution, key, says;
  };
  const auto c = GENERATE(
      // sd 1e-150 makes shapes of about 1e300, where Boost's inverse beta never returns.
      Case{"{dist: beta, mean: 0.5, sd: 1e-150}", "population.caregiver.rejection.sd", "outside [0.001, 1e+07]"},
      Case{"{dist: beta, mean: 0.5, sd: 1e-160}", "population.caregiver.rejection.sd", "outside [0.001, 1e+07]"},
      Case{"{dist: beta, alpha: 1e300, beta: 2}", "population.caregiver.rejection.alpha", "alpha 1e+300 is outside"},
      Case{"{dist: beta, alpha: 2, beta: 1e-300}", "population.caregiver.rejection.beta", "beta 1e-300 is outside"},
      // sigma 1e308 made every draw 1 and the mean NaN.
      Case{"{dist: lognormal, median: 0.3, sigma: 1e308}", "population.caregiver.rejection.sigma", "above the limit of 10"},
      // A spread so wide that the truncated mass rounds to nothing: the mean is NaN.
      Case{"{dist: normal, mean: 0.3, sd: 1e300}", "population.caregiver.rejection", "cannot be sampled"},
      Case{"{dist: mixture, components: [{weight: 1, dist: truncated_normal, mean: 0.3, sd: 1e300, min: 0, max: 1}]}",
           "population.caregiver.rejection.components[0]", "cannot be sampled"});
  const auto issues = limits_issues_of(limits_rejection(c.distribution));
  INFO(c.distribution << "\n" << limits_listed(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == c.key);
  CHECK(issues[0].line == 7);
  CHECK(issues[0].message.find(c.says) != std::string::npos);
}

TEST_CASE("sim/scenario: distributions at the limits load and sample finite values") {
  const auto distribution = GENERATE(std::string("{dist: beta, alpha: 1e7, beta: 0.001}"),
                                     std::string("{dist: beta, alpha: 0.001, beta: 0.001}"),
                                     std::string("{dist: lognormal, median: 0.3, sigma: 10}"),
                                     std::string("{dist: normal, mean: 0.3, sd: 1e-300}"));
  INFO(distribution);
  const Scenario scenario = load_scenario_text("limits.yaml", limits_rejection(distribution));
  REQUIRE(scenario.population.size() == 1);
  for (double u : {1e-6, 0.25, 0.5, 0.75, 1 - 1e-6}) CHECK(std::isfinite(quantile(scenario.population[0].distribution, u)));
}

TEST_CASE("sim/scenario: sampling_problem turns a numeric library's error or a NaN into a reason") {
  // A shape the loader refuses: Boost's beta throws a domain error.
  const Distribution negative{.kind = DistributionKind::beta, .alpha = -1, .beta = 3, .min = 0, .max = 1};
  CHECK(sampling_problem(negative).find("the beta cannot be sampled") != std::string::npos);
  const Distribution nan_mean{.kind = DistributionKind::lognormal, .mu = 0, .sigma = 1e308, .min = 0, .max = 1};
  CHECK(sampling_problem(nan_mean).find("its mean is") != std::string::npos);
  const Distribution fine{.kind = DistributionKind::beta, .alpha = 2, .beta = 5, .min = 0, .max = 1};
  CHECK(sampling_problem(fine).empty());
}

TEST_CASE("sim/scenario: an error of the numeric library while drawing names the parameter") {
  // beta(2, 0.5) at a share rounded to 1 (z = 9: Phi rounds to 1, the draw is clamped to
  // the largest double below 1) is drawn: Boost's inverse gives up there, the bracketing
  // fallback does not. A shape no loader accepts, set in code, still makes Boost throw.
  Scenario scenario = load_scenario_text("draw.yaml", limits_rejection("{dist: beta, alpha: 2, beta: 0.5}"));
  CHECK(PopulationSampler(scenario).map({9.0}).caregiver.rejection == Approx(1.0));
  scenario.population[0].distribution.alpha = -1;
  const PopulationSampler sampler(scenario);
  CHECK_THROWS_WITH(sampler.map({0.5}), Catch::Contains("population.caregiver.rejection") && Catch::Contains("beta"));
}

TEST_CASE("sim/scenario: text and keys past the length limit are refused without an edit distance over them") {
  const std::string huge(100000, 'x');
  auto issues = limits_issues_of(limits_rejection("{dist: " + huge + ", mean: 0.5, sd: 0.1}"));
  INFO(limits_listed(issues).substr(0, 2000));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "population.caregiver.rejection.dist");
  CHECK(issues[0].message == "text of 100000 characters is longer than the limit of 4096");

  // An explicit key ("? key"): yaml-cpp refuses an implicit one past 1024 characters itself.
  issues = limits_issues_of(kScenarioHead + "? " + huge + "\n: 1\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("a key of 100000 characters is longer than the limit") != std::string::npos);
  CHECK(issues[0].to_string().size() < 200);

  // A name too long for a typo gets the list, not a suggestion.
  const std::string long_kind = "normal" + std::string(scenario_detail::kMaxSuggestedLength, 'l');
  issues = limits_issues_of(limits_rejection("{dist: " + long_kind + ", mean: 0.5, sd: 0.1}"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("did you mean") == std::string::npos);
  CHECK(issues[0].message.find("expected one of: normal,") != std::string::npos);
  CHECK(scenario_detail::suggestion("normall", {"normal", "beta"}) == "; did you mean 'normal'?");
}

TEST_CASE("sim/scenario: ages far past the span are refused in months, before any conversion to days") {
  const std::string arms = kScenarioHead + R"(arms:
  - name: control
  - name: treated
    interventions:
      - name: visit
        from_age_months: 1e8
        changes:
          caregiver.detection: {add: 0.1}
)";
  auto issues = limits_issues_of(arms);
  INFO(limits_listed(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "arms[1].interventions[0].from_age_months");
  CHECK(issues[0].message.find("outside the span (0 to span_days 365)") != std::string::npos);
  // The last day of the span is still inside: 11.9 months is day 362 of 365.
  auto near_end = arms;
  near_end.replace(near_end.find("1e8"), 3, "11.9");
  CHECK(limits_issues_of(near_end).empty());

  issues = limits_issues_of(kScenarioHead + "assessments:\n  sensitivity_observation:\n    ages_months: [-1e300, 1e300]\n");
  INFO(limits_listed(issues));
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].message.find("is outside [") != std::string::npos);
  CHECK(issues[1].message.find("is outside [") != std::string::npos);
}

TEST_CASE("sim/scenario: an input file is read only up to its size limit, and a name too long is located") {
  TempFolder folder("attune_scenario_limits", "input_file");
  // A device never ends: it is read only as far as the limit.
  const auto start = std::chrono::steady_clock::now();
  auto issues = validate_scenario("/dev/zero");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].to_string() ==
        "/dev/zero: scenario file is larger than 16777216 bytes, too large to read (the limit is 16 MiB)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));

  // A regular file is refused by its size, unread (a sparse file: no disk used).
  const auto large = folder / "large.yaml";
  write_text(large, kScenarioHead);
  std::filesystem::resize_file(large, kMaxInputFileBytes + 1);
  issues = validate_scenario(large.string());
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message == "scenario file is 16777217 bytes, too large to read (the limit is 16 MiB)");

  // A base whose name the file system refuses is an issue at the key, not an exception.
  const auto child = write_text(folder / "child.yaml", "base: " + std::string(300, 'b') + ".yaml\nname: child\n");
  issues = validate_scenario(child.string());
  INFO(limits_listed(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "base");
  CHECK(issues[0].line == 1);
  CHECK(issues[0].message.find("File name too long") != std::string::npos);
}

TEST_CASE("sim/scenario: an alias bomb or an alias inside itself is refused by its expanded size") {
  // Eight levels of ten aliases: 10^8 components of nested mixtures, walked one by one
  // by the distribution reader (it ran for minutes).
  std::string bomb = kScenarioHead + "defs:\n  - &l0 [{weight: 1, value: 0.5}]\n";
  for (int level = 1; level <= 8; ++level) {
    bomb += "  - &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i)
      bomb += std::string(i ? ", " : "") + "{weight: 0.1, dist: mixture, components: *l" + std::to_string(level - 1) + "}";
    bomb += "]\n";
  }
  bomb += "population:\n  caregiver:\n    rejection: {dist: mixture, components: *l8}\n";
  const auto start = std::chrono::steady_clock::now();
  auto issues = limits_issues_of(bomb);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].to_string() ==
        "limits.yaml: the document expands to more than 1000000 YAML nodes (an alias counts its whole value at each use)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));

  issues = limits_issues_of("name: &x [*x]\n" + kScenarioHead.substr(kScenarioHead.find('\n') + 1));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("more than 1000000 YAML nodes") != std::string::npos);
}

TEST_CASE("sim/scenario: a file of many errors lists the first 200 and counts the rest") {
  std::string text = kScenarioHead + "population:\n  caregiver:\n";
  for (int i = 0; i < 1000; ++i) text += "    unknown_" + std::to_string(i) + ": 1\n";
  const auto issues = limits_issues_of(text);
  REQUIRE(issues.size() == scenario_detail::kMaxIssues + 1);
  // The count is a file-level line, sorted first; the listed ones are the first keys.
  CHECK(issues[0].message == "and 800 more issues, not listed (the first 200 are)");
  CHECK(issues[1].key == "population.caregiver.unknown_0");
  CHECK(issues.back().key == "population.caregiver.unknown_199");
}

// A family's lives through the driver: the family path reduces to the one-caregiver
// life, bouts are shared as declared, and every output is the same for any thread count.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "analysis/statistics/effect_size.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/family_setup.hpp"
#include "sim/scenario/scenario.hpp"

using namespace attune;

namespace {

Scenario short_scenario() {
  Scenario s = load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/two_caregivers.yaml");
  s.span_days = 30;
  s.strange_situation.ages_months.clear();
  return s;
}

std::vector<DyadRecord> run_family(const Scenario& s, std::uint64_t dyads, int threads) {
  RunOptions options;
  options.dyads = dyads;
  options.seed = 5;
  options.threads = threads;
  std::vector<DyadRecord> records;
  run_dyads(s, options, [&](const DyadRecord& r) { records.push_back(r); });
  return records;
}

}  // namespace

TEST_CASE("sim/family: one caregiver without ties lives exactly the life without a family section") {
  // The family path (own stream for bout assignment, advance_family_stress) must reduce
  // bitwise to the plain life when nothing is shared.
  Scenario plain = short_scenario();
  plain.family = FamilySpec{};
  Scenario alone = plain;
  alone.family.caregivers.push_back({"mother", 1.0, {}});
  const auto a = run_family(plain, 6, 1), b = run_family(alone, 6, 1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].mean_caregiver_stress == b[i].mean_caregiver_stress);
    CHECK(a[i].interaction.matched_seconds == b[i].interaction.matched_seconds);
    CHECK(a[i].interaction.arousal_sum == b[i].interaction.arousal_sum);
    CHECK(std::memcmp(&a[i].iwm_final, &b[i].iwm_final, sizeof(WorkingModel)) == 0);
    CHECK(b[i].caregiver[0].mean_stress == a[i].mean_caregiver_stress);
  }
}

TEST_CASE("sim/family: lives with a family are the same for any thread count") {
  const Scenario s = short_scenario();
  const auto one = run_family(s, 40, 1), two = run_family(s, 40, 2);
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    REQUIRE(one[i].caregivers == 2);
    for (int k = 0; k < 2; ++k) {
      CHECK(one[i].caregiver[k].mean_stress == two[i].caregiver[k].mean_stress);
      CHECK(one[i].caregiver[k].bouts == two[i].caregiver[k].bouts);
      CHECK(std::memcmp(&one[i].caregiver[k].iwm_final, &two[i].caregiver[k].iwm_final, sizeof(WorkingModel)) == 0);
    }
  }
}

TEST_CASE("sim/family: the father's own draws leave the mother's unchanged and differ from hers") {
  const Scenario s = short_scenario();
  Scenario without = s;
  without.family = FamilySpec{};
  const auto with_family = run_family(s, 20, 2), plain = run_family(without, 20, 2);
  int differ = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    CHECK(std::memcmp(&with_family[i].parameters, &plain[i].parameters, sizeof(Parameters)) == 0);
    differ += with_family[i].caregiver[1].parameters.detection != with_family[i].parameters.caregiver.detection;
  }
  CHECK(differ == 20);
}

TEST_CASE("sim/family: bouts are shared among the caregivers as declared") {
  const auto records = run_family(short_scenario(), 40, 2);
  std::uint64_t mother = 0, all = 0;
  for (const auto& r : records) {
    mother += r.caregiver[0].bouts;
    all += r.caregiver[0].bouts + r.caregiver[1].bouts;
  }
  // 40 dyads x 30 days x 6 bouts = 7200 bouts; share 0.7 within 4 binomial SE (0.0054 each).
  REQUIRE(all == 40u * 30u * 6u);
  CHECK(std::abs(double(mother) / double(all) - 0.7) < 4.0 * std::sqrt(0.7 * 0.3 / double(all)));
}

TEST_CASE("sim/family: resemblance correlates a further caregiver's traits with the first's") {
  const auto folder = std::filesystem::temp_directory_path() / ("attune_family_run_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder);
  for (const double rho : {0.0, 0.6}) {
    std::ofstream(folder / "s.yaml") << "name: t\nspan_days: 30\nbouts_per_day: 1\nbout_seconds: 60\n"
                                     << "population:\n  caregiver:\n    detection: {dist: normal, mean: 0.5, sd: 0.05}\n"
                                     << "family:\n  caregivers:\n    - {name: mother, share_of_bouts: 0.5}\n"
                                     << "    - {name: father, share_of_bouts: 0.5, resemblance: " << rho
                                     << ", caregiver: {detection: {dist: normal, mean: 0.4, sd: 0.05}}}\n";
    const Scenario s = load_scenario((folder / "s.yaml").string());
    const PopulationSampler first(s);
    const FamilySetup family(s);
    constexpr int kDyads = 2000;
    std::vector<double> mother, father;
    for (std::uint64_t id = 0; id < kDyads; ++id) {
      Rng rng = make_stream(3, id, StreamPurpose::population);
      const auto z = first.normals(rng);
      std::array<CaregiverParameters, kMaxCaregivers> others{};
      mother.push_back(first.map(z).caregiver.detection);
      father.push_back(family.draw(3, id, first, z, others)[0].detection);
    }
    // Normal traits far from their bounds: Pearson r estimates rho with SE (1 - rho^2)/sqrt(n)
    // (0.022 at rho = 0, 0.014 at 0.6); allow 4 SE.
    const double r = analysis::pearson(mother, father);
    INFO("rho " << rho << ", r " << r);
    CHECK(std::abs(r - rho) < 4.0 * (1.0 - rho * rho) / std::sqrt(double(kDyads)));
  }
  std::filesystem::remove_all(folder);
}

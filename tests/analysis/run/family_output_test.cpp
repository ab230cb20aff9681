// The family's outputs: per-caregiver columns of dyads.csv and the "family" section of
// summary.json, checked against the records they were made from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "analysis/statistics/agreement.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/run_output.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
    cells.push_back(line.substr(start, comma - start));
  cells.push_back(line.substr(start));
  return cells;
}

}  // namespace

TEST_CASE("analysis/run/family: dyads.csv and summary.json report each caregiver and the concordance of the first two") {
  TempFolder folder("attune_family_output", "columns");
  Scenario s = load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/two_caregivers.yaml");
  s.span_days = 190;
  s.strange_situation.ages_months = {6};
  RunOptions options;
  options.dyads = 40;
  options.seed = 4;
  std::vector<DyadRecord> records;
  nlohmann::json summary;
  {
    RunOutput output((folder / "out").string(), s, Provenance{"test", 1, options.seed, options.dyads, {}});
    run_dyads(s, options, [&](const DyadRecord& r) {
      records.push_back(r);
      output.consume(r);
    });
    summary = output.finish(1.0);
  }
  const auto lines = lines_of(read_text(folder / "out" / "dyads.csv"));
  REQUIRE(lines.size() == 41);
  const auto header = split(lines[0]);
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
  };
  CHECK(std::find(header.begin(), header.end(), "classification_mother") == header.end());
  column("father.caregiver.detection");
  column("mean_caregiver_stress_father");
  const std::size_t father_class = column("classification_father"), mother_class = column("classification");

  std::vector<std::vector<std::uint64_t>> table(4, std::vector<std::uint64_t>(4, 0));
  std::array<std::uint64_t, 4> father_counts{};
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto cells = split(lines[i + 1]);
    const char mother = char(records[i].caregiver[0].strange_situation[0].coding.classification);
    const char father = char(records[i].caregiver[1].strange_situation[0].coding.classification);
    CHECK(cells[mother_class] == std::string(1, mother));
    CHECK(cells[father_class] == std::string(1, father));
    ++table[mother - 'A'][father - 'A'];
    ++father_counts[father - 'A'];
  }
  const auto& family = summary["family"];
  REQUIRE(family["caregivers"].size() == 2);
  CHECK(family["caregivers"][1]["name"] == "father");
  CHECK(family["supports"] == nlohmann::json::array({"grandmother"}));
  for (int c = 0; c < 4; ++c) {
    const std::string cls(1, char('A' + c));
    CHECK(family["caregivers"][1]["classification"][cls]["count"].get<std::uint64_t>() == father_counts[c]);
    for (int d = 0; d < 4; ++d)
      CHECK(family["concordance"]["cross_table"][cls][std::string(1, char('A' + d))].get<std::uint64_t>() == table[c][d]);
  }
  const auto kappa = analysis::cohens_kappa(table);
  const auto& four = family["concordance"]["four_classes"];
  CHECK(four["n"].get<std::uint64_t>() == 40);
  if (!std::isnan(kappa.kappa)) CHECK(four["kappa"].get<double>() == kappa.kappa);
  CHECK(four["agreement"].get<double>() == kappa.observed);
}

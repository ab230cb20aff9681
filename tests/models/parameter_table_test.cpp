// The one parameter table: the C++ fields, the CSV rows and docs/MODEL.md agree.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/assessments/reunion_trace.hpp"
#include "models/assessments/sensitivity_coding.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "models/assessments/still_face.hpp"
#include "models/interaction_metrics.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

TEST_CASE("models/parameter_table: every C++ field has exactly one row, defaults in range") {
  // parameter_table() throws if a field lacks a row, a row lacks a field, or a
  // default lies outside its range.
  const auto& table = parameter_table();
  REQUIRE(table.size() * sizeof(double) == sizeof(Parameters));
  const Parameters defaults = default_parameters();
  for (const auto& row : table) {
    INFO(row.qualified());
    CHECK(parameter_value(defaults, row) == row.default_value);
    CHECK(row.min <= row.default_value);
    CHECK(row.default_value <= row.max);
    CHECK(!row.unit.empty());
    CHECK(!row.description.empty());
    CHECK(!row.source.empty());
  }
}

TEST_CASE("models/parameter_table: find_parameter resolves group and name") {
  const auto index = find_parameter("caregiver", "detection");
  REQUIRE(index.has_value());
  Parameters p = default_parameters();
  parameter_value(p, parameter_table()[*index]) = 0.123;
  CHECK(p.caregiver.detection == 0.123);
  CHECK_FALSE(find_parameter("caregiver", "detecton").has_value());
}

TEST_CASE("models/parameter_table: every instrument row equals the C++ constant it documents") {
  // The instrument's constants are compile-time (array sizes, the protocol, the coding
  // anchors), so the table cannot set them: this ties each row to its constant instead.
  const std::pair<const char*, double> constants[] = {
      {"ssp_introduction", kSspIntroductionSeconds},
      {"ssp_episode", kSspEpisodeSeconds},
      {"proximity_seeking_full", kFullProximitySeeking},
      {"contact_maintaining_full", kFullContact},
      {"resistance_full", kFullResistance},
      {"avoidance_full", kFullAvoidance},
      {"conflict_full", kFullConflict},
      {"repair_latency_cap", kRepairLatencyCap},
      {"still_face_calm_level", kStillFaceCalmLevel},
      {"sensitivity_window", kSensitivityWindowSeconds},
      {"sensitivity_signal_weight", kSensitivitySignalWeight},
      {"sensitivity_rating_step", kSensitivityRatingStep},
      {"sensitivity_max_minutes", kSensitivityMaxMinutes},
  };
  REQUIRE(instrument_table().size() == std::size(constants));  // a new row needs its tie here
  for (const auto& [name, value] : constants) {
    INFO(name);
    const auto& rows = instrument_table();
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const ParameterInfo& r) { return r.name == name; });
    REQUIRE(row != rows.end());
    CHECK(row->default_value == value);
  }
  for (const auto& row : instrument_table()) {
    INFO(row.qualified());
    CHECK(row.min == row.default_value);  // fixed: the range is the value itself
    CHECK(row.max == row.default_value);
    CHECK(!find_parameter(row.group, row.name).has_value());  // no scenario can set it
    CHECK(!row.source.empty());
  }
}

TEST_CASE("models/parameter_table: docs/MODEL.md holds the table as generated") {
  std::ifstream file(std::string(ATTUNE_SOURCE_DIR) + "/docs/MODEL.md");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  const std::string begin = "<!-- parameter-table:begin -->\n", end = "<!-- parameter-table:end -->";
  const auto from = doc.find(begin), to = doc.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  // If this fails, run scripts/update-model-doc.sh.
  CHECK(doc.substr(from + begin.size(), to - from - begin.size()) == parameter_table_markdown());
}

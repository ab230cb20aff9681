// The outputs of issue 15's tidy part, end to end through the binary: --compress writes
// dyads.csv and traces.csv gzip-compressed whose text is a plain run's, the same bytes for
// any thread count; --trace-format long holds the wide trace's values a row per series;
// trace options without --trace are refused; and every reader of attune's own outputs
// (the arms comparison, report, merge) takes the compressed form as the plain one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// 12 dyads, two short bouts a day for 40 days: a fraction of a second.
const std::string kTidyScenario = R"(name: tiny
seed: 17
dyads: 12
span_days: 40
bouts_per_day: 2
bout_seconds: 90
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
)";


/// The text of a table, decompressed when it is compressed (read as attune reads it).
std::string tidy_table_text(const fs::path& path) {
  attune::TextLines in(path);
  std::string text;
  for (std::string line; in.next(line);) text += line + "\n";
  return text;
}

/// Runs `attune ARGS`, requiring exit 0 (stderr shown otherwise).
void tidy_attune_ok(const std::string& args, const TempFolder& folder) {
  const auto result = run_attune(args, folder.path());
  INFO("attune " << args << "\nstderr: " << result.err);
  REQUIRE(result.status == 0);
}

/// A table's rows as fields (no quoted fields with commas in attune's traces).
std::vector<std::vector<std::string>> tidy_table_rows(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : lines_of(tidy_table_text(path))) rows.push_back(*attune::split_csv_line(line));
  return rows;
}

}  // namespace

TEST_CASE("sim/cli: run --compress writes dyads.csv.gz and traces.csv.gz holding the plain run's text, the same bytes for any thread count") {
  TempFolder folder("attune_tidy", "compress");
  const auto scenario = write_text(folder / "tiny.yaml", kTidyScenario);
  tidy_attune_ok("run " + quoted_path(scenario) + " --threads 1 --trace 2 --out " + quoted_path(folder / "plain"), folder);
  tidy_attune_ok("run " + quoted_path(scenario) + " --threads 1 --trace 2 --compress --out " + quoted_path(folder / "gz1"), folder);
  tidy_attune_ok("run " + quoted_path(scenario) + " --threads 3 --trace 2 --compress --out " + quoted_path(folder / "gz3"), folder);
  for (const char* table : {"dyads.csv", "traces.csv"}) {
    INFO(table);
    const fs::path compressed = folder / "gz1" / (std::string(table) + ".gz");
    REQUIRE(fs::exists(compressed));
    CHECK(!fs::exists(folder / "gz1" / table));
    CHECK(read_text(compressed).substr(0, 2) == "\x1f\x8b");
    const std::string plain = read_text(folder / "plain" / table);
    CHECK(lines_of(plain).size() > 12);
    CHECK(tidy_table_text(compressed) == plain);
    CHECK(read_text(folder / "gz3" / (std::string(table) + ".gz")) == read_text(compressed));
  }
  // The small tables stay plain, and nothing is left half-written.
  CHECK(read_text(folder / "gz1" / "development.csv") == read_text(folder / "plain" / "development.csv"));
  CHECK(temporaries_in(folder.path()).empty());
}

TEST_CASE("sim/cli: --trace-format long holds every value of the wide trace, a row per second, person and series") {
  TempFolder folder("attune_tidy", "long_trace");
  const auto scenario = write_text(folder / "tiny.yaml", kTidyScenario);
  tidy_attune_ok("run " + quoted_path(scenario) + " --threads 2 --trace 2 --trace-day 20 --out " + quoted_path(folder / "wide"), folder);
  tidy_attune_ok("run " + quoted_path(scenario) + " --threads 2 --trace 2 --trace-day 20 --trace-format long --out " + quoted_path(folder / "long"),
            folder);
  const auto wide = tidy_table_rows(folder / "wide" / "traces.csv");
  const auto tidy = tidy_table_rows(folder / "long" / "traces.csv");
  REQUIRE(wide.size() == 1 + 2 * 2 * 90);
  CHECK(tidy[0] == std::vector<std::string>{"dyad_id", "second", "person", "variable", "value"});
  // The day and form are in no column of the long rows: the summary records them.
  const auto trace = nlohmann::json::parse(read_text(folder / "long" / "summary.json"))["trace"];
  CHECK(trace == nlohmann::json{{"dyads", 2}, {"day", 20}, {"format", "long"}, {"file", "traces.csv"}});
  CHECK(nlohmann::json::parse(read_text(folder / "wide" / "summary.json"))["trace"]["format"] == "wide");
  REQUIRE(tidy.size() == 1 + 7 * (wide.size() - 1));
  // The long rows of each second, by person and series, against the wide row of that second
  // (wide: dyad_id,day,bout,second,arousal,matched,caregiver_engaged,signalling,rupture,repair).
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> seconds;
  std::set<std::string> persons;
  for (std::size_t i = 1; i < tidy.size(); ++i) {
    REQUIRE(tidy[i].size() == 5);
    seconds[{tidy[i][0], tidy[i][1]}][tidy[i][2] + "." + tidy[i][3]] = tidy[i][4];
    persons.insert(tidy[i][2]);
  }
  CHECK(persons == std::set<std::string>{"infant", "caregiver", "dyad"});
  REQUIRE(seconds.size() == wide.size() - 1);
  int engaged = 0;
  for (std::size_t i = 1; i < wide.size(); ++i) {
    const auto& w = wide[i];
    CHECK(w[1] == "20");
    const std::string second = std::to_string(std::stoi(w[2]) * 90 + std::stoi(w[3]));
    INFO("dyad " << w[0] << " second " << second);
    const auto& s = seconds.at({w[0], second});
    CHECK(s.at("infant.arousal") == w[4]);
    CHECK(s.at("dyad.matched") == w[5]);
    CHECK(s.at("caregiver.engaged") == w[6]);
    CHECK(s.at("infant.signalling") == w[7]);
    CHECK(s.at("dyad.rupture") == w[8]);
    CHECK(s.at("dyad.repair") == w[9]);
    const int act = std::stoi(s.at("caregiver.act"));
    CHECK((act >= 0 && act <= 8));
    engaged += w[6] == "1";
  }
  CHECK(engaged > 0);  // the caregiver's series is not all zeros
}

TEST_CASE("sim/cli: a trace option without --trace, and sweep --compress without --dyads-csv, are refused with exit 2") {
  TempFolder folder("attune_tidy", "trace_options");
  const auto scenario = write_text(folder / "tiny.yaml", kTidyScenario);
  for (const std::string option : {"--trace-day 5", "--trace-format long", "--trace 0 --trace-day 5"}) {
    INFO(option);
    const auto result = run_attune("run " + quoted_path(scenario) + " " + option + " --out " + quoted_path(folder / "out"), folder.path());
    CHECK(result.status == 2);
    CHECK(result.err.find(option.substr(option.rfind("--"), option.find(' ', option.rfind("--")) - option.rfind("--"))) !=
          std::string::npos);
    CHECK(result.err.find("--trace N") != std::string::npos);
    CHECK(!fs::exists(folder / "out"));
  }
  write_text(folder / "sweep.yaml", "base: tiny.yaml\ndyads: 4\naxes:\n  caregiver.repair: {values: [0.3]}\n");
  const auto sweep = run_attune("sweep " + quoted_path(folder / "sweep.yaml") + " --compress --out " + quoted_path(folder / "sweep"), folder.path());
  CHECK(sweep.status == 2);
  CHECK(sweep.err.find("--dyads-csv") != std::string::npos);
  CHECK(!fs::exists(folder / "sweep"));
}

TEST_CASE("sim/cli: the arms comparison, report and merge read compressed outputs as the plain ones") {
  TempFolder folder("attune_tidy", "readers");
  const std::string arms = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/intervention_home_visiting.yaml";
  tidy_attune_ok("run " + quoted_path(arms) + " --dyads 8 --threads 2 --out " + quoted_path(folder / "arms_plain"), folder);
  tidy_attune_ok("run " + quoted_path(arms) + " --dyads 8 --threads 2 --compress --trace 2 --trace-format long --out " +
                quoted_path(folder / "arms_gz"),
            folder);
  const auto comparisons = [&](const std::string& run) {
    return nlohmann::json::parse(read_text(folder / run / "summary.json"))["comparisons"];
  };
  REQUIRE(comparisons("arms_plain").size() == 2);
  CHECK(comparisons("arms_gz") == comparisons("arms_plain"));  // the paired differences read from dyads.csv.gz
  CHECK(fs::exists(folder / "arms_gz" / "arms" / "home_visiting" / "dyads.csv.gz"));
  // The report draws its trace figure from the control arm's long, compressed traces.
  tidy_attune_ok("report " + quoted_path(folder / "arms_gz"), folder);
  CHECK(fs::exists(folder / "arms_gz" / "report" / "arousal_traces.png"));
  CHECK(!fs::exists(folder / "arms_gz" / "report" / "traces.csv"));  // none was re-simulated
  // A compressed table cut short is bad input named by the report, not a Python traceback.
  for (const char* arm : {"control", "home_visiting"}) {
    const fs::path table = folder / "arms_gz" / "arms" / arm / "dyads.csv.gz";
    fs::resize_file(table, fs::file_size(table) / 2);
  }
  const auto damaged = run_attune("report " + quoted_path(folder / "arms_gz"), folder.path());
  CHECK(damaged.status == 2);
  CHECK_THAT(damaged.err, Catch::Contains("dyads.csv.gz cannot be read to its end"));
  CHECK_THAT(damaged.err, !Catch::Contains("Traceback"));

  write_text(folder / "tiny.yaml", kTidyScenario);
  write_text(folder / "sweep.yaml", "base: tiny.yaml\ndyads: 4\nseed: 3\naxes:\n  caregiver.repair: {values: [0.3, 0.6]}\n");
  const std::string sweep = "sweep " + quoted_path(folder / "sweep.yaml") + " --threads 1 --dyads-csv";
  tidy_attune_ok(sweep + " --out " + quoted_path(folder / "sweep_plain"), folder);
  tidy_attune_ok(sweep + " --compress --shard 0/2 --out " + quoted_path(folder / "s0"), folder);
  tidy_attune_ok(sweep + " --compress --shard 1/2 --out " + quoted_path(folder / "s1"), folder);
  tidy_attune_ok("merge " + quoted_path(folder / "merged") + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "s1"), folder);
  CHECK(read_text(folder / "merged" / "cells.csv") == read_text(folder / "sweep_plain" / "cells.csv"));
  for (const char* cell : {"000000", "000001"}) {
    INFO(cell);
    CHECK(tidy_table_text(folder / "merged" / "cells" / cell / "dyads.csv.gz") ==
          read_text(folder / "sweep_plain" / "cells" / cell / "dyads.csv"));
  }
}

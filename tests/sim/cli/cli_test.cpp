// End-to-end tests of the command line (sim/cli/cli.cpp): the built `attune` binary is run
// as a user would run it, and its exit status, messages and output folder are checked.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <pty.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// The names of the entries of a folder (empty if it does not exist).
std::set<std::string> entries(const fs::path& folder) {
  std::set<std::string> names;
  if (!fs::exists(folder)) return names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

/// Entries whose name contains ".tmp." (the atomic writer's temporary files).
std::vector<std::string> temp_files(const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& name : entries(folder))
    if (name.find(".tmp.") != std::string::npos) found.push_back(name);
  return found;
}

/// SHA-256 of a file by coreutils' sha256sum: independent of the OpenSSL call the
/// loader makes, so a wrong digest in the program cannot pass by agreeing with itself.
std::string sha256sum_of(const fs::path& path) {
  const fs::path digest = path.string() + ".sha256";
  const std::string command = "sha256sum " + shell_quoted(path.string()) + " >" + shell_quoted(digest.string());
  if (std::system(command.c_str()) != 0) return "sha256sum failed";
  return read_text(digest).substr(0, 64);
}

/// A small, fast scenario with one Strange Situation at 6 months.
const std::string kTinyWithAssessment = R"(name: tiny
description: A few dyads for the CLI tests
seed: 7
dyads: 5
span_days: 190
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
assessments: {strange_situation: {ages_months: [6]}}
)";

/// A smaller one still, without assessments.
const std::string kTiny = R"(name: tiny
seed: 7
dyads: 40
span_days: 60
bouts_per_day: 2
bout_seconds: 120
)";

/// The stderr line that reports `key` (quoted as the program does); fails unless exactly one.
std::string issue_line(const std::string& err, const std::string& key) {
  std::vector<std::string> found;
  for (const auto& line : lines_of(err))
    if (line.find("'" + key + "'") != std::string::npos) found.push_back(line);
  INFO("stderr:\n" << err);
  INFO("looking for key '" << key << "'");
  REQUIRE(found.size() == 1);
  return found.front();
}

/// Splits "FILE:LINE:COL: rest" where FILE is `file`; fails if the line does not start so.
std::pair<int, int> line_and_column(const std::string& issue, const std::string& file) {
  INFO("issue: " << issue);
  REQUIRE(issue.rfind(file + ":", 0) == 0);
  std::istringstream rest(issue.substr(file.size() + 1));
  int line = 0, column = 0;
  char colon1 = 0, colon2 = 0;
  rest >> line >> colon1 >> column >> colon2;
  REQUIRE(rest);
  REQUIRE(colon1 == ':');
  REQUIRE(colon2 == ':');
  return {line, column};
}

}  // namespace

TEST_CASE("sim/cli: validate reports every issue with its line, key and a suggestion") {
  TempFolder folder("attune_cli", "validate_three_errors");
  // Line numbers matter: the three errors are on lines 2, 8 and 9.
  const auto file = write_text(folder / "three_errors.yaml",
                               "name: three_errors\n"                         // 1
                               "dyds: 40\n"                                   // 2  typo for dyads
                               "span_days: 60\n"                              // 3
                               "bouts_per_day: 2\n"                           // 4
                               "bout_seconds: 120\n"                          // 5
                               "population:\n"                                // 6
                               "  caregiver:\n"                               // 7
                               "    detecton: {dist: beta, mean: 0.45, sd: 0.1}\n"  // 8  typo for detection
                               "    reading: 1.7\n")                          // 9  outside [0, 1]
                          .string();
  const auto result = run_attune("validate " + shell_quoted(file), folder.path());
  INFO("stderr:\n" << result.err);
  CHECK(result.status == 2);

  const auto typo = issue_line(result.err, "dyds");
  CHECK(line_and_column(typo, file) == std::pair{2, 1});
  CHECK(typo.find("did you mean 'dyads'") != std::string::npos);

  const auto parameter = issue_line(result.err, "population.caregiver.detecton");
  CHECK(line_and_column(parameter, file) == std::pair{8, 5});
  CHECK(parameter.find("did you mean 'detection'") != std::string::npos);

  const auto range = issue_line(result.err, "population.caregiver.reading");
  const auto [line, column] = line_and_column(range, file);
  CHECK(line == 9);
  CHECK((column == 5 || column == 14));  // the key or its value
  CHECK(range.find("1.7") != std::string::npos);

  // Those three and nothing else.
  int issues = 0;
  for (const auto& l : lines_of(result.err))
    if (l.rfind(file + ":", 0) == 0) ++issues;
  CHECK(issues == 3);
}

TEST_CASE("sim/cli: validate accepts the shipped normative scenario") {
  TempFolder folder("attune_cli", "validate_normative");
  const std::string file = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/normative.yaml";
  REQUIRE(fs::exists(file));
  const auto result = run_attune("validate " + shell_quoted(file), folder.path());
  INFO("stderr:\n" << result.err);
  CHECK(result.status == 0);
  CHECK(result.err.find(file + ":") == std::string::npos);
}

TEST_CASE("sim/cli: run rejects a missing or invalid scenario without writing outputs") {
  TempFolder folder("attune_cli", "run_invalid_input");
  const fs::path out = folder / "out";

  SECTION("a missing file") {
    const auto missing = (folder / "no_such_scenario.yaml").string();
    const auto result = run_attune("run " + shell_quoted(missing) + " --out " + shell_quoted(out.string()), folder.path());
    INFO("stderr:\n" << result.err);
    CHECK(result.status == 2);
    CHECK(result.err.find("no_such_scenario.yaml") != std::string::npos);
    CHECK(entries(out).empty());
  }

  SECTION("a file with an error, into a folder that does not exist yet or already does") {
    const bool out_exists = GENERATE(false, true);
    if (out_exists) fs::create_directories(out);
    const auto file = write_text(folder / "wrong_type.yaml",
                                 "name: wrong_type\n"
                                 "dyads: 40\n"
                                 "span_days: sixty\n"  // line 3: not an integer
                                 "bouts_per_day: 2\n"
                                 "bout_seconds: 120\n")
                            .string();
    const auto result = run_attune("run " + shell_quoted(file) + " --out " + shell_quoted(out.string()), folder.path());
    INFO("out folder existed before: " << out_exists << "\nstderr:\n" << result.err);
    CHECK(result.status == 2);
    const auto issue = issue_line(result.err, "span_days");
    CHECK(line_and_column(issue, file).first == 3);
    // Nothing half-written: no dyads.csv, no other output, no temporary file.
    CHECK_FALSE(fs::exists(out / "dyads.csv"));
    CHECK(temp_files(out).empty());
    CHECK(entries(out).empty());
  }
}

TEST_CASE("sim/cli: run writes the four outputs, with the dyads and seed asked for") {
  TempFolder folder("attune_cli", "run_outputs");
  const auto scenario = write_text(folder / "tiny.yaml", kTinyWithAssessment);
  const fs::path out = folder / "out";
  constexpr int kDyads = 40;  // the file says 5 and seed 7: the options must win
  constexpr std::uint64_t kSeed = 4242;
  const auto result = run_attune("run " + shell_quoted(scenario.string()) + " --dyads " + std::to_string(kDyads) +
                                 " --seed " + std::to_string(kSeed) + " --threads 2 --out " + shell_quoted(out.string()),
                             folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  CHECK(result.err.find("terminate called") == std::string::npos);

  for (const char* name : {"dyads.csv", "development.csv", "summary.json", "scenario.resolved.yaml"}) {
    INFO(name);
    CHECK(fs::is_regular_file(out / name));
  }
  CHECK(temp_files(out).empty());
  CHECK(entries(out).size() == 4);

  // dyads.csv: a header, then dyads 0..N-1 in order, each row as wide as the header.
  const auto rows = lines_of(read_text(out / "dyads.csv"));
  REQUIRE(rows.size() == kDyads + 1);
  REQUIRE(rows[0].rfind("dyad_id,", 0) == 0);
  const auto width = std::count(rows[0].begin(), rows[0].end(), ',');
  for (int k = 0; k < kDyads; ++k) {
    const auto& row = rows[k + 1];
    INFO("row " << k + 1 << ": " << row);
    CHECK(row.substr(0, row.find(',')) == std::to_string(k));
    CHECK(std::count(row.begin(), row.end(), ',') == width);
  }

  // development.csv: a header and one row per month simulated (190 days: 6 months).
  const auto months = lines_of(read_text(out / "development.csv"));
  REQUIRE(months.size() >= 2);
  CHECK(months[0].rfind("month,n_dyads", 0) == 0);
  CHECK(months[1].rfind("1," + std::to_string(kDyads) + ",", 0) == 0);

  // summary.json: what was run, and how.
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  CHECK(summary.at("n_dyads").get<std::uint64_t>() == kDyads);
  CHECK(summary.at("seed").get<std::uint64_t>() == kSeed);
  CHECK(summary.at("threads").get<int>() == 2);
  CHECK(summary.at("scenario_sha256").get<std::string>() == sha256sum_of(scenario));
  CHECK(summary.at("command_line").get<std::string>().find("--seed " + std::to_string(kSeed)) != std::string::npos);
  CHECK_FALSE(summary.at("attune_version").get<std::string>().empty());
  CHECK_FALSE(summary.at("git_revision").get<std::string>().empty());
  CHECK(summary.at("wall_seconds").get<double>() >= 0);
  REQUIRE(summary.at("metrics").is_object());
  CHECK(summary.at("metrics").contains("matched_share"));
  CHECK(summary.at("metrics").at("matched_share").at("n").get<int>() == kDyads);
  // Every dyad had its Strange Situation at 6 months, so the four classes share them all.
  const auto& classification = summary.at("classification");
  std::uint64_t classified = 0;
  for (const char* cls : {"A", "B", "C", "D"}) {
    INFO("class " << cls);
    REQUIRE(classification.contains(cls));
    const auto& share = classification.at(cls);
    const auto count = share.at("count").get<std::uint64_t>();
    classified += count;
    const double proportion = share.at("proportion").get<double>();
    CHECK(proportion == Approx(double(count) / kDyads));
    const auto ci = share.at("ci95");
    REQUIRE(ci.size() == 2);
    CHECK(ci[0].get<double>() <= proportion);
    CHECK(proportion <= ci[1].get<double>());
  }
  CHECK(classified == kDyads);

  // The resolved scenario records the seed and dyads actually used, and is itself valid.
  const auto resolved_lines = lines_of(read_text(out / "scenario.resolved.yaml"));
  const auto has_line = [&](const std::string& wanted) {
    return std::find(resolved_lines.begin(), resolved_lines.end(), wanted) != resolved_lines.end();
  };
  CHECK(has_line("seed: " + std::to_string(kSeed)));
  CHECK_FALSE(has_line("seed: 7"));
  CHECK(has_line("dyads: " + std::to_string(kDyads)));
  const auto revalidated = run_attune("validate " + shell_quoted((out / "scenario.resolved.yaml").string()), folder.path());
  INFO("validate stderr:\n" << revalidated.err);
  CHECK(revalidated.status == 0);
}

TEST_CASE("sim/cli: run into an output folder that cannot be written fails cleanly with exit 1") {
  TempFolder folder("attune_cli", "run_unwritable_out");
  const auto scenario = write_text(folder / "tiny.yaml", kTiny);
  write_text(folder / "plain_file", "not a folder\n");
  const std::string forbidden = "/proc/attune_forbidden_" + std::to_string(::getpid());
  const std::string under_file = (folder / "plain_file" / "out").string();
  const std::string out = GENERATE_COPY(forbidden, under_file);

  const auto result = run_attune("run " + shell_quoted(scenario.string()) + " --out " + shell_quoted(out), folder.path());
  INFO("--out " << out << "\nstderr:\n" << result.err);
  CHECK(result.status == 1);
  CHECK(result.err.find(out) != std::string::npos);
  CHECK(result.err.find("terminate called") == std::string::npos);
  CHECK(fs::is_regular_file(folder / "plain_file"));
}

TEST_CASE("sim/cli: bad usage exits 2") {
  TempFolder folder("attune_cli", "bad_usage");
  const auto scenario = write_text(folder / "tiny.yaml", kTiny);
  const fs::path out = folder / "out";
  const std::string s = shell_quoted(scenario.string()), o = " --out " + shell_quoted(out.string());
  const std::string args = GENERATE_COPY(std::string("frobnicate ") + s,  // unknown subcommand
                                         std::string(""),                 // no subcommand
                                         "run " + s + " --threads -3" + o,
                                         "run " + s + " --threads many" + o,
                                         "run " + s + " --dyads 0" + o,
                                         "run " + s + " --seed abc" + o,
                                         "run " + s + " --seed -1" + o,
                                         "run " + s + " --seed 18446744073709551616" + o,
                                         "run " + s + " --dyads 18446744073709551616" + o,
                                         "run " + s + " --no-such-option" + o,
                                         "run " + s + " --dyads 100000001" + o,  // past the limit of a run
                                         "run " + s + " --trace 101" + o,
                                         "run " + s + " --trace-day 100000" + o,
                                         "run " + s + " --trace 1 --trace-day 60" + o,  // past span_days 60
                                         "run " + s + " --threads 100000" + o,
                                         std::string("run") + o,  // no scenario argument
                                         std::string("validate"));
  const auto result = run_attune(args, folder.path());
  INFO("attune " << args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK_FALSE(result.err.empty());
  CHECK_FALSE(fs::exists(out / "dyads.csv"));
}

TEST_CASE("sim/cli: a thread count far beyond the machine is refused by every command, naming the limit") {
  TempFolder folder("attune_cli", "thread_limit");
  const auto scenario = shell_quoted(write_text(folder / "tiny.yaml", kTiny).string());
  const std::string out = " --out " + shell_quoted((folder / "out").string());
  // bench --threads 70000 used to die with SIGSEGV inside TBB; run started 19,600 threads.
  // The timeout only bounds a regression (serve would otherwise start serving).
  const std::string args = GENERATE_COPY(std::string("bench --threads 70000 --dyads 1 --days 1"),
                                         "run " + scenario + " --threads 100000" + out,
                                         "sweep " + scenario + " --threads 100000" + out,
                                         "calibrate " + scenario + " --threads 100000" + out,
                                         std::string("serve --port 0 --threads 100000"));
  const auto result = run_attune(args, folder.path(), "timeout 60 ");
  INFO("attune " << args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK(result.err.find("--threads: '") != std::string::npos);
  CHECK(result.err.find("hardware threads of this machine") != std::string::npos);
  CHECK_FALSE(fs::exists(folder / "out"));
}

TEST_CASE("sim/cli: an out-of-range count names its range in a few words") {
  TempFolder folder("attune_cli", "range_message");
  const auto scenario = shell_quoted(write_text(folder / "tiny.yaml", kTiny).string());
  struct Case {
    std::string args, says;
  };
  const auto c = GENERATE_COPY(Case{"run " + scenario + " --dyads 0", "--dyads: '0' is not an integer in [1, 100000000]"},
                               Case{"sweep " + scenario + " --dyads 0", "--dyads: '0' is not an integer in [1, 100000000]"},
                               Case{"bench --dyads 0", "--dyads: '0' is not an integer in [1, 100000000]"},
                               Case{"bench --days 5000", "--days: '5000' is not an integer in [1, 1100]"},
                               Case{"run " + scenario + " --trace-day 100000",
                                    "--trace-day: '100000' is not an integer in [0, 1099]"});
  const auto result = run_attune(c.args, folder.path());
  INFO("attune " << c.args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK(result.err.find(c.says) != std::string::npos);
  // CLI11's own range message printed the largest double, 309 digits.
  CHECK(result.err.size() < 300);
}

TEST_CASE("sim/cli: a run whose stderr is not a terminal draws no progress bar") {
  TempFolder folder("attune_cli", "no_progress_when_piped");
  const auto scenario = write_text(folder / "tiny.yaml", kTiny);
  const fs::path out = folder / "out";
  // CI unset, so only stderr not being a terminal can turn the bar off.
  const auto result = run_attune("run " + shell_quoted(scenario.string()) + " --out " + shell_quoted(out.string()),
                             folder.path(), "env -u CI ");
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  CHECK(result.err.find('\r') == std::string::npos);
  CHECK(result.out.find('\r') == std::string::npos);

  // While on a terminal the same run does draw it, so the check above can fail.
  int master = -1;
  const pid_t child = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(child != -1);
  if (child == 0) {
    ::unsetenv("CI");
    const std::string out2 = (folder / "out_tty").string();
    ::execl(ATTUNE_BINARY, ATTUNE_BINARY, "run", scenario.c_str(), "--out", out2.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string seen;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n > 0) {
      seen.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the child has closed the terminal
    }
  }
  int raw = 0;
  ::waitpid(child, &raw, 0);
  ::close(master);
  INFO("terminal output:\n" << seen);
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 0);
  // The terminal turns "\n" into "\r\n"; the bar is the "\r[" that starts each redraw.
  CHECK(seen.find("\r[") != std::string::npos);
}

TEST_CASE("sim/cli: the shipped still-face scenario reports its three phases in every output") {
  TempFolder folder("attune_cli", "still_face");
  const std::string file = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/still_face.yaml";
  const fs::path out = folder / "out";
  constexpr int kDyads = 12;
  const auto result = run_attune("run " + shell_quoted(file) + " --dyads " + std::to_string(kDyads) +
                                     " --threads 2 --out " + shell_quoted(out.string()),
                                 folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  CHECK(result.out.find("Still-face paradigm at 4 months") != std::string::npos);

  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  REQUIRE(summary.contains("still_face"));
  const auto& sf = summary["still_face"];
  CHECK(sf["n"] == kDyads);
  CHECK(sf["phase_seconds"] == 120);
  for (const char* phase : {"play", "still_face", "reunion"})
    for (const char* measure : {"negative_affect", "positive_affect", "gaze"}) {
      INFO(phase << "." << measure);
      const auto& m = sf[phase][measure];
      REQUIRE(m["ci95"].is_array());
      CHECK(m["ci95"][0].get<double>() <= m["mean"].get<double>());
      CHECK(m["mean"].get<double>() <= m["ci95"][1].get<double>());
    }
  for (const char* contrast : {"play_vs_still_face", "still_face_vs_reunion", "play_vs_reunion"})
    CHECK(sf["effect_sizes"][contrast]["gaze"].contains("d"));
  CHECK(sf["recovery"].contains("mean"));

  // dyads.csv: the sf_ columns are there and filled for every dyad.
  const auto rows = lines_of(read_text(out / "dyads.csv"));
  REQUIRE(rows.size() == kDyads + 1);
  CHECK(rows[0].find(",sf_play_negative_affect,") != std::string::npos);
  CHECK(rows[0].size() - rows[0].rfind(",sf_recovery") == std::string(",sf_recovery").size());
  for (int k = 1; k <= kDyads; ++k) CHECK(rows[k].substr(rows[k].rfind(',') + 1) != "NA");
}

TEST_CASE("sim/cli: a scenario with arms writes each arm, arms.csv and the comparison with control") {
  TempFolder folder("attune_cli", "arms");
  const std::string file = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/intervention_home_visiting.yaml";
  const fs::path out = folder / "out";
  constexpr int kDyads = 30;
  const auto result = run_attune("run " + shell_quoted(file) + " --dyads " + std::to_string(kDyads) +
                                     " --out " + shell_quoted(out.string()),
                                 folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  CHECK(result.out.find("Arms against control") != std::string::npos);

  const std::vector<std::string> arms = {"control", "home_visiting", "home_visiting_and_services"};
  const auto rows = lines_of(read_text(out / "arms.csv"));
  REQUIRE(rows.size() == arms.size() + 1);
  CHECK(rows[0].rfind("arm,treated_share,n_dyads,n_assessed,share_A,share_A_ci_lo,share_A_ci_hi,", 0) == 0);
  CHECK(rows[1].rfind("control,0,30,30,", 0) == 0);  // nobody is treated in control

  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  std::map<std::string, nlohmann::json> arm_summary;
  for (std::size_t k = 0; k < arms.size(); ++k) {
    INFO(arms[k]);
    CHECK(rows[k + 1].rfind(arms[k] + ",", 0) == 0);
    arm_summary[arms[k]] = nlohmann::json::parse(read_text(out / "arms" / arms[k] / "summary.json"));
    CHECK(lines_of(read_text(out / "arms" / arms[k] / "dyads.csv")).size() == kDyads + 1);
  }
  // Every arm holds the same dyads: the drawn parameters are the same row for row.
  const auto drawn = [&](const std::string& arm) {
    // dyad_id and the drawn parameters come before the first outcome, matched_share.
    std::vector<std::string> prefix;
    for (const auto& row : lines_of(read_text(out / "arms" / arm / "dyads.csv"))) {
      std::size_t end = 0;
      for (int field = 0; field < 11; ++field) end = row.find(',', end) + 1;
      prefix.push_back(row.substr(0, end));
    }
    return prefix;
  };
  REQUIRE(drawn("control")[0] ==
          "dyad_id,infant.reactivity,infant.soothability,caregiver.detection,caregiver.reading,caregiver.promptness,"
          "caregiver.fit,caregiver.repair,caregiver.rejection,caregiver.inconsistency,caregiver.unresolved,");
  CHECK(drawn("home_visiting") == drawn("control"));

  REQUIRE(summary["comparisons"].size() == 2);
  for (const auto& comparison : summary["comparisons"]) {
    const std::string arm = comparison["arm"];
    INFO(arm);
    CHECK(comparison["versus"] == "control");
    for (const char* c : {"A", "B", "C", "D"}) {
      const double expected = arm_summary[arm]["classification"][c]["proportion"].get<double>() -
                              arm_summary["control"]["classification"][c]["proportion"].get<double>();
      CHECK(comparison["classification"][c]["difference"].get<double>() == Approx(expected).margin(1e-12));
      CHECK(comparison["classification"][c]["ci95"][0].get<double>() <= expected);
      CHECK(comparison["classification"][c]["ci95"][1].get<double>() >= expected);
      // Paired over every assessed dyad, and h has the difference's sign.
      CHECK(comparison["classification"][c]["n_pairs"] == arm_summary["control"]["classification"]["n_assessed"]);
      CHECK(comparison["classification"][c]["cohens_h"].get<double>() * expected >= 0.0);
    }
    const auto& availability = comparison["metrics"]["iwm_availability"];
    CHECK(availability["difference"].get<double>() ==
          Approx(arm_summary[arm]["metrics"]["iwm_availability"]["mean"].get<double>() -
                 arm_summary["control"]["metrics"]["iwm_availability"]["mean"].get<double>()));
    CHECK(availability.contains("cohens_d"));
    CHECK(summary["arms"][arm]["treated_share"].get<double>() > 0);
  }
}

TEST_CASE("sim/cli: every shipped scenario runs through attune run and attune report at a tiny size") {
  // The statistical tests run the scenarios in process; this runs each one as a user
  // would, through the summary, the comparison of arms and the report.
  TempFolder folder("attune_cli", "shipped");
  std::size_t scenarios = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(ATTUNE_SOURCE_DIR) / "scenarios")) {
    const std::string name = entry.path().filename().string();
    // Sweeps and calibrations have tests of their own (tests/sim/sweep, tests/sim/calibrate).
    if (entry.path().extension() != ".yaml" || name.rfind("sweep_", 0) == 0 || name.rfind("calibrate_", 0) == 0) continue;
    INFO(name);
    ++scenarios;
    const fs::path out = folder / entry.path().stem().string();
    const auto run = run_attune("run " + shell_quoted(entry.path().string()) + " --dyads 4 --out " +
                                    shell_quoted(out.string()),
                                folder.path());
    INFO("stderr:\n" << run.err);
    CHECK(run.status == 0);
    CHECK(fs::is_regular_file(out / "summary.json"));
    // The risk and calibration-example scenarios' folders are of the same kind as
    // normative's, so one of them is reported (each report costs a Python start and
    // matplotlib's figures).
    if ((name.rfind("risk_", 0) == 0 && name != "risk_combined.yaml") || name.rfind("recovery_", 0) == 0) continue;
    const auto report = run_attune("report " + shell_quoted(out.string()), folder.path());
    INFO("report stderr:\n" << report.err);
    CHECK(report.status == 0);
  }
  CHECK(scenarios == 14);
}

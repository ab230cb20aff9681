// `attune report DIR` (sim/cli/report_command.cpp, analysis/report/report.py) end to end: a
// small run, its report, and the errors a user can meet.
#include <catch2/catch.hpp>


#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/statistics/constants.hpp"
#include "tests/support/html_tables.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// 60 dyads, two short bouts a day to 6 months, one Strange Situation: a few seconds.
const std::string kSmall = R"(name: small
seed: 31
dyads: 60
span_days: 190
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    rejection: {dist: uniform, min: 0.0, max: 0.4}
assessments: {strange_situation: {ages_months: [6]}}
)";

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::size_t png_files(const fs::path& folder) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".png") continue;
    ++count;
    INFO(entry.path());
    CHECK(read_text(entry.path()).rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  }
  return count;
}

/// A CSV file as rows of cells by column name (no quoted fields: attune's tables have none).
std::vector<std::map<std::string, std::string>> report_csv_rows(const fs::path& path) {
  const auto lines = lines_of(read_text(path));
  REQUIRE(!lines.empty());
  const auto split = [](const std::string& line) {
    std::vector<std::string> cells(1);
    for (char c : line) {
      if (c == ',')
        cells.emplace_back();
      else
        cells.back().push_back(c);
    }
    return cells;
  };
  const auto header = split(lines[0]);
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = split(lines[i]);
    REQUIRE(cells.size() == header.size());
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size(); ++k) row[header[k]] = cells[k];
    rows.push_back(row);
  }
  return rows;
}

double json_number(const nlohmann::json& value) { return value.is_number() ? value.get<double>() : std::nan(""); }

/// Wilson's (1927) score interval, written out here apart from analysis/statistics.
std::pair<double, double> report_wilson(double successes, double n) {
  const double z = attune::analysis::kZ95, p = successes / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {centre - half, centre + half};
}

/// Pearson's r of two columns, written out here.
double report_pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = double(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

/// The run page's numbers against the run folder's files: the class shares, the metrics and
/// the statistics are summary.json's to the printed precision, and the counts, shares,
/// intervals, a metric's mean and a correlation are also what dyads.csv gives when the test
/// computes them itself.
void check_run_page_numbers(const std::string& page, const fs::path& run) {
  const auto summary = nlohmann::json::parse(read_text(run / "summary.json"));
  const auto dyads = report_csv_rows(run / "dyads.csv");
  std::map<std::string, double> counted;
  double assessed = 0;
  for (const auto& row : dyads)
    if (row.at("classification") != "NA") ++counted[row.at("classification")], ++assessed;
  REQUIRE(assessed > 0);

  const auto shares = html_table_after(page, "<h2>Class shares</h2>");
  REQUIRE(shares.size() == 4);
  for (const auto& row : shares) {
    INFO("class shares row: " << row[0] << " | " << row[1] << " | " << row[2] << " | " << row[3]);
    REQUIRE(row.size() == 4);
    const auto& json = summary["classification"][row[0]];
    CHECK(html_number(row[1]) == json["count"].get<double>());
    CHECK(shows_value(row[2], json["proportion"].get<double>()));
    CHECK(shows_interval(row[3], json["ci95"][0].get<double>(), json["ci95"][1].get<double>()));
    // From dyads.csv, apart from the code that wrote summary.json.
    CHECK(html_number(row[1]) == counted[row[0]]);
    CHECK(shows_value(row[2], counted[row[0]] / assessed));
    const auto [lo, hi] = report_wilson(counted[row[0]], assessed);
    CHECK(shows_interval(row[3], lo, hi));
  }
  CHECK(page.find("<p>n assessed = " + std::to_string(int(assessed)) + " of " + std::to_string(dyads.size()) +
                  " dyads.</p>") != std::string::npos);

  const auto literature = html_table_after(page, "<h2>Comparison with the literature</h2>");
  REQUIRE(literature.size() == summary["literature"].size());
  for (std::size_t i = 0; i < literature.size(); ++i) {
    const auto& row = literature[i];
    const auto& json = summary["literature"][i];
    INFO("literature row " << row[0]);
    CHECK(row[0] == json["classification"].get<std::string>());
    CHECK(shows_value(row[1], json_number(json["proportion"])));
    CHECK(shows_value(row[3], json_number(json["published"])));
    CHECK(shows_value(row[5], json_number(json["difference"])));
  }

  const auto metrics = html_table_after(page, "<h2>Metrics</h2>");
  REQUIRE(metrics.size() == summary["metrics"].size());
  for (const auto& row : metrics) {
    INFO("metrics row " << row[0] << ": " << row[2] << " " << row[3] << " " << row[4] << " " << row[5]);
    REQUIRE(summary["metrics"].contains(row[0]));
    const auto& m = summary["metrics"][row[0]];
    const nlohmann::json none;
    const auto ci = m.value("ci95", nlohmann::json::array({none, none}));
    CHECK(html_number(row[1]) == json_number(m.value("n", none)));
    CHECK(shows_value(row[2], json_number(m.value("mean", none))));
    CHECK(shows_value(row[3], json_number(m.value("sd", none))));
    if (ci[0].is_null())
      CHECK(row[4] == "–");
    else
      CHECK(shows_interval(row[4], json_number(ci[0]), json_number(ci[1])));
    CHECK(shows_value(row[5], json_number(m.value("quantiles", nlohmann::json::object()).value("p50", none))));
  }
  // The mean matched share over dyads.csv's rows, summed here.
  double matched = 0;
  for (const auto& row : dyads) matched += std::stod(row.at("matched_share")) / double(dyads.size());
  bool found = false;
  for (const auto& row : metrics) {
    if (row[0] != "matched_share") continue;
    found = true;
    CHECK(shows_value(row[2], matched));
  }
  CHECK(found);

  const auto statistics = html_table_after(page, "<h2>Security and the drawn parameters</h2>");
  REQUIRE(statistics.size() == summary["statistics"]["variables"].size());
  for (std::size_t i = 0; i < statistics.size(); ++i) {
    const auto& row = statistics[i];
    const auto& v = summary["statistics"]["variables"][i];
    INFO("statistics row " << row[0]);
    CHECK(row[0] == v["variable"].get<std::string>());
    CHECK(shows_value(row[1], json_number(v["mean_secure"])));
    CHECK(shows_value(row[2], json_number(v["mean_insecure"])));
    CHECK(shows_value(row[3], json_number(v["point_biserial_r"])));
    CHECK(shows_interval(row[4], json_number(v["point_biserial_ci95"][0]), json_number(v["point_biserial_ci95"][1])));
    CHECK(shows_value(row[5], json_number(v["cohens_d"])));
  }
  // caregiver.detection's point-biserial r with security (B), computed here from dyads.csv.
  std::vector<double> detection, secure;
  for (const auto& row : dyads)
    if (row.at("classification") != "NA") {
      detection.push_back(std::stod(row.at("caregiver.detection")));
      secure.push_back(row.at("classification") == "B" ? 1.0 : 0.0);
    }
  REQUIRE(statistics[0][0] == "caregiver.detection");
  CHECK(shows_value(statistics[0][3], report_pearson(detection, secure)));
}

}  // namespace

TEST_CASE("sim/report: a self-contained page with one embedded PNG per figure, and an arm comparison when present") {
  TempFolder folder("attune_report", "page");
  std::ofstream(folder / "small.yaml") << kSmall;
  const fs::path out = folder / "run";
  const std::string scenario = shell_quoted((folder / "small.yaml").string());
  REQUIRE(run_attune("run " + scenario + " --out " + shell_quoted(out.string()), folder.path()).status == 0);

  // summary.json carries the statistics section, over the assessed dyads.
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  REQUIRE(summary.contains("statistics"));
  const auto& statistics = summary["statistics"];
  CHECK(statistics["n_assessed"] == summary["classification"]["n_assessed"]);
  CHECK(statistics["variables"][0]["variable"] == "caregiver.detection");
  CHECK(statistics["logistic_regression"]["n"] == statistics["n_assessed"]);
  CHECK(statistics["logistic_regression"]["coefficients"].size() == 2);

  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  const std::string page = read_text(report / "index.html");
  // Class distribution, IWM by class, interaction metrics, arousal traces.
  CHECK(png_files(report) == 4);
  CHECK(occurrences(page, "data:image/png;base64,") == 4);
  CHECK(occurrences(page, "http://") == 0);
  CHECK(occurrences(page, "https://") == 0);
  CHECK(occurrences(page, "<table>") >= 4);  // shares, literature, statistics, regression, metrics
  CHECK(page.find("Comparison with the literature") != std::string::npos);
  check_run_page_numbers(page, out);

  // Without traces.csv the report re-simulated the first dyads' day: the same lives the
  // run would have traced.
  const fs::path traced = folder / "traced";
  REQUIRE(run_attune("run " + scenario + " --trace 3 --out " + shell_quoted(traced.string()), folder.path()).status == 0);
  CHECK(read_text(report / "traces.csv") == read_text(traced / "traces.csv"));

  // An arms.csv adds the comparison figure.
  std::ofstream(out / "arms.csv") << "arm,n_dyads,n_assessed,share_A,share_A_ci_lo,share_A_ci_hi,share_B,share_B_ci_lo,"
                                     "share_B_ci_hi,share_C,share_C_ci_lo,share_C_ci_hi,share_D,share_D_ci_lo,share_D_ci_hi,"
                                     "matched_share_mean\n"
                                     "control,60,60,0.15,0.08,0.26,0.6,0.47,0.71,0.1,0.05,0.2,0.15,0.08,0.26,0.7\n"
                                     "treated,60,60,0.1,0.05,0.2,0.7,0.57,0.8,0.1,0.05,0.2,0.1,0.05,0.2,0.75\n";
  REQUIRE(run_attune("report " + shell_quoted(out.string()), folder.path()).status == 0);
  CHECK(fs::is_regular_file(report / "comparison.png"));
  CHECK(png_files(report) == 5);
  const std::string with_arms = read_text(report / "index.html");
  CHECK(occurrences(with_arms, "data:image/png;base64,") == 5);
  CHECK(with_arms.find("treated") != std::string::npos);
}

TEST_CASE("sim/report: a missing or foreign folder is invalid input, a missing interpreter or matplotlib a failure") {
  TempFolder folder("attune_report", "errors");
  auto result = run_attune("report " + shell_quoted((folder / "absent").string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("is not a folder") != std::string::npos);

  fs::create_directories(folder / "empty");
  result = run_attune("report " + shell_quoted((folder / "empty").string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("no summary.json") != std::string::npos);

  // A run folder, then interpreters that cannot draw.
  std::ofstream(folder / "small.yaml") << kSmall;
  const fs::path out = folder / "run";
  REQUIRE(run_attune("run " + shell_quoted((folder / "small.yaml").string()) + " --dyads 4 --out " + shell_quoted(out.string()),
                 folder.path()).status == 0);
  result = run_attune("report " + shell_quoted(out.string()), folder.path(), "ATTUNE_PYTHON=/nonexistent/python3 ");
  CHECK(result.status == 1);
  CHECK(result.err.find("no Python interpreter at /nonexistent/python3") != std::string::npos);

  // python3 -S skips site-packages, where matplotlib lives.
  const fs::path bare = folder / "bare-python";
  std::ofstream(bare) << "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n";
  fs::permissions(bare, fs::perms::owner_all);
  result = run_attune("report " + shell_quoted(out.string()), folder.path(), "ATTUNE_PYTHON=" + shell_quoted(bare.string()) + " ");
  CHECK(result.status == 1);
  CHECK(result.err.find("matplotlib is not installed") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "report" / "index.html"));
}

TEST_CASE("sim/report: a randomized comparison's report shows each arm's paired differences from control") {
  TempFolder folder("attune_report", "paired");
  const fs::path out = folder / "out";
  const std::string scenario = shell_quoted(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/intervention_home_visiting.yaml");
  REQUIRE(run_attune("run " + scenario + " --dyads 30 --out " + shell_quoted(out.string()), folder.path()).status == 0);
  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  CHECK(fs::is_regular_file(report / "comparison.png"));
  CHECK(fs::is_regular_file(report / "arm_differences.png"));
  const std::string page = read_text(report / "index.html");
  CHECK(page.find("Arms against control, dyad by dyad") != std::string::npos);
  CHECK(page.find("Cohen's h") != std::string::npos);
  // Two arms against control: a row per arm and class, and a row per arm and IWM mean.
  CHECK(occurrences(page, "<td>home_visiting_and_services</td><td>B</td>") == 1);
  CHECK(occurrences(page, "<td>home_visiting</td><td>iwm_availability</td>") == 1);

  // The numbers are summary.json's comparisons, and the discordant counts are those of the
  // arms' dyads.csv files read here dyad by dyad.
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  std::map<std::string, std::vector<std::map<std::string, std::string>>> arm_dyads;
  for (const char* arm : {"control", "home_visiting", "home_visiting_and_services"})
    arm_dyads[arm] = report_csv_rows(out / "arms" / arm / "dyads.csv");
  const auto classes = html_table_after(page, "Arms against control, dyad by dyad");
  REQUIRE(classes.size() == 8);  // two arms, four classes
  for (const auto& row : classes) {
    INFO("arm " << row[0] << " class " << row[1]);
    REQUIRE(row.size() == 10);
    const nlohmann::json* comparison = nullptr;
    for (const auto& c : summary["comparisons"])
      if (c["arm"] == row[0]) comparison = &c;
    REQUIRE(comparison);
    const auto& d = (*comparison)["classification"][row[1]];
    CHECK(shows_value(row[2], json_number(d["arm"])));
    CHECK(shows_value(row[3], json_number(d["control"])));
    CHECK(shows_value(row[4], json_number(d["difference"])));
    CHECK(shows_interval(row[5], json_number(d["ci95"][0]), json_number(d["ci95"][1])));
    CHECK(shows_value(row[6], json_number(d["cohens_h"])));
    CHECK(html_number(row[8]) == json_number(d["arm_only"]));
    CHECK(html_number(row[9]) == json_number(d["control_only"]));
    const auto& treated = arm_dyads[row[0]];
    const auto& control = arm_dyads["control"];
    REQUIRE(treated.size() == control.size());
    double arm_only = 0, control_only = 0, in_arm = 0, in_control = 0, pairs = 0;
    for (std::size_t i = 0; i < treated.size(); ++i) {
      REQUIRE(treated[i].at("dyad_id") == control[i].at("dyad_id"));
      const auto& a = treated[i].at("classification");
      const auto& c = control[i].at("classification");
      if (a == "NA" || c == "NA") continue;
      ++pairs;
      in_arm += a == row[1];
      in_control += c == row[1];
      arm_only += a == row[1] && c != row[1];
      control_only += c == row[1] && a != row[1];
    }
    CHECK(html_number(row[8]) == arm_only);
    CHECK(html_number(row[9]) == control_only);
    CHECK(shows_value(row[2], in_arm / pairs));
    CHECK(shows_value(row[3], in_control / pairs));
  }
}

TEST_CASE("sim/report: a sweep folder's report plots the class shares across its cells and lists failed cells") {
  TempFolder folder("attune_report", "sweep");
  std::ofstream(folder / "small.yaml") << kSmall;
  std::ofstream(folder / "points.csv") << "caregiver.detection,caregiver.repair\n0.3,0.4\n0.6,0.4\n0.3,0.8\n0.6,2\n";
  std::ofstream(folder / "sweep.yaml") << "base: small.yaml\ndyads: 20\ndesign: csv\nfile: points.csv\n";
  const fs::path out = folder / "out";
  // One design row is out of range: the sweep finishes the other three and exits 3.
  REQUIRE(run_attune("sweep " + shell_quoted((folder / "sweep.yaml").string()) + " --out " + shell_quoted(out.string()),
                     folder.path())
              .status == 3);
  const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
  INFO("stderr:\n" << result.err);
  REQUIRE(result.status == 0);
  const fs::path report = out / "report";
  CHECK(fs::is_regular_file(report / "sweep_classes.png"));
  CHECK(fs::is_regular_file(report / "sweep_secure.png"));  // two swept parameters
  CHECK(fs::is_regular_file(report / "comparison.png"));
  const std::string page = read_text(report / "index.html");
  CHECK(occurrences(page, "data:image/png;base64,") == 3);
  CHECK(occurrences(page, "http://") + occurrences(page, "https://") == 0);
  CHECK(page.find("3 cells finished, 1 failed") != std::string::npos);
  // The cells table shows cells.csv's numbers; cells.csv's shares are the cells' own summaries'.
  const auto cells = report_csv_rows(out / "cells.csv");
  const auto shown = html_table_after(page, "<h2>Sweep cells</h2>");
  REQUIRE(shown.size() == cells.size());
  const auto header = lines_of(read_text(out / "cells.csv"))[0];
  std::vector<std::string> fields(1);
  for (char c : header) {
    if (c == ',')
      fields.emplace_back();
    else
      fields.back().push_back(c);
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    INFO("cell " << cells[i].at("cell"));
    REQUIRE(shown[i].size() == fields.size());
    CHECK(shown[i][0] == cells[i].at("cell"));
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const std::string& text = cells[i].at(fields[k]);
      const double value = text == "NA" ? std::nan("") : html_number(text);
      if (std::isnan(value) && text != "NA") continue;  // a label (the cell, a swept value)
      INFO(fields[k] << ": page " << shown[i][k] << ", cells.csv " << text);
      CHECK(shows_value(shown[i][k], value));
    }
    // Cell folders are the cell's index in six digits (sim/sweep/sweep_cell.cpp).
    std::string folder_name = cells[i].at("cell");
    folder_name.insert(0, folder_name.size() < 6 ? 6 - folder_name.size() : 0, '0');
    const auto cell_summary = nlohmann::json::parse(read_text(out / "cells" / folder_name / "summary.json"));
    for (const char* c : {"A", "B", "C", "D"}) {
      INFO("class " << c);
      CHECK(html_number(cells[i].at(std::string("share_") + c)) ==
            json_number(cell_summary["classification"][c]["proportion"]));
    }
  }
  CHECK(page.find("Failed cells") != std::string::npos);
  CHECK(page.find("points.csv line 5") != std::string::npos);
}

namespace {

const char* const kIndexHeader = "output,parameter,index,estimate,ci_lo,ci_hi,n\n";

/// Saltelli indices of two parameters for share_A..share_D (share_D constant: NA) and
/// twelve metric means: fifteen outputs to draw, three beyond the twelve panels.
std::string saltelli_indices() {
  std::string text = kIndexHeader;
  std::vector<std::string> outputs = {"share_A", "share_B", "share_C", "share_D"};
  for (int k = 0; k < 12; ++k) outputs.push_back("metric" + std::to_string(k) + "_mean");
  for (const auto& output : outputs) {
    for (const char* parameter : {"caregiver.detection", "caregiver.repair"}) {
      if (output == "share_D") {
        text += output + "," + parameter + ",S1,NA,NA,NA,64\n" + output + "," + parameter + ",ST,NA,NA,NA,64\n";
        continue;
      }
      text += output + "," + parameter + ",S1,0.41,0.33,0.49,64\n";
      text += output + "," + parameter + ",ST,0.52,NA,NA,64\n";  // an index without its CI
    }
    text += output + ",caregiver.detection:caregiver.repair,S2,0.03,-0.05,0.11,64\n";
  }
  return text;
}

std::string morris_indices() {
  std::string text = kIndexHeader;
  for (const char* output : {"share_A", "share_B", "iwm_availability_mean", "matched_share_mean"})
    for (const char* parameter : {"caregiver.detection", "caregiver.repair"}) {
      const std::string row = std::string(output) + "," + parameter + ",";
      text += row + "mu_star,0.12,0.08,0.15,20\n" + row + "mu,0.10,NA,NA,20\n" + row + "sigma,0.05,NA,NA,20\n";
    }
  return text;
}

}  // namespace

TEST_CASE("sim/report: a sweep folder's indices.csv adds the sensitivity indices, one panel per output, and their table") {
  TempFolder folder("attune_report", "indices");
  std::ofstream(folder / "small.yaml") << kSmall;
  std::ofstream(folder / "points.csv") << "caregiver.detection,caregiver.repair\n0.3,0.4\n0.6,0.8\n";
  std::ofstream(folder / "sweep.yaml") << "base: small.yaml\ndyads: 20\ndesign: csv\nfile: points.csv\n";
  const fs::path out = folder / "out";
  REQUIRE(run_attune("sweep " + shell_quoted((folder / "sweep.yaml").string()) + " --out " + shell_quoted(out.string()),
                     folder.path())
              .status == 0);
  const fs::path report = out / "report";
  const auto make_report = [&] {
    const auto result = run_attune("report " + shell_quoted(out.string()), folder.path());
    INFO("stderr:\n" << result.err);
    REQUIRE(result.status == 0);
    return read_text(report / "index.html");
  };
  // Without indices.csv: the class shares against the swept values, the plane, the bars.
  std::string page = make_report();
  CHECK(page.find("Sensitivity indices") == std::string::npos);
  CHECK(png_files(report) == 3);

  // Saltelli: S1 and ST bars, the constant output and those beyond the cap named, S1/ST and S2 tables.
  {
    std::ofstream(out / "indices.csv") << saltelli_indices();
    page = make_report();
    CHECK(page.find("<h2>Sensitivity indices</h2>") != std::string::npos);
    CHECK(page.find("Sobol indices (Saltelli)") != std::string::npos);
    CHECK(fs::is_regular_file(report / "sensitivity_sobol.png"));
    CHECK(png_files(report) == 4);
    CHECK(occurrences(page, "data:image/png;base64,") == 4);
    CHECK(occurrences(page, "http://") + occurrences(page, "https://") == 0);
    CHECK(page.find("an output constant over the design): share_D.") != std::string::npos);
    CHECK(page.find("beyond the 12 panels (the table lists them): metric9_mean, metric10_mean, metric11_mean.") !=
          std::string::npos);
    // A row per output and parameter (sixteen outputs), with S1, its CI, ST without one.
    CHECK(occurrences(page, "</td><td>caregiver.repair</td>") == 16);
    CHECK(occurrences(page, "<tr><td>share_B</td><td>caregiver.repair</td><td>0.41</td><td>[0.33, 0.49]</td>"
                            "<td>0.52</td><td>–</td><td>64</td></tr>") == 1);
    CHECK(occurrences(page, "<tr><td>share_D</td><td>caregiver.repair</td><td>–</td>") == 1);
    CHECK(page.find("Second-order indices (S2)") != std::string::npos);
    CHECK(occurrences(page, "<td>caregiver.detection × caregiver.repair</td><td>0.03</td><td>[-0.05, 0.11]</td>") == 16);
  }

  // Morris: mu* bars with CIs and sigma against mu*, and the table; the Sobol figure is gone.
  {
    std::ofstream(out / "indices.csv") << morris_indices();
    page = make_report();
    CHECK(page.find("Elementary effects (Morris)") != std::string::npos);
    CHECK(fs::is_regular_file(report / "sensitivity_morris.png"));
    CHECK(fs::is_regular_file(report / "sensitivity_morris_sigma.png"));
    CHECK_FALSE(fs::exists(report / "sensitivity_sobol.png"));
    CHECK(png_files(report) == 5);
    CHECK(occurrences(page, "data:image/png;base64,") == 5);
    CHECK(occurrences(page, "</td><td>caregiver.detection</td><td>0.12</td><td>[0.08, 0.15]</td><td>0.1</td>"
                            "<td>0.05</td><td>20</td></tr>") == 4);
    CHECK(page.find("Sobol indices") == std::string::npos);
  }

  // A malformed indices.csv is named on the page, which draws the rest.
  {
    std::ofstream(out / "indices.csv") << "estimate\n0.4\n";
    page = make_report();
    CHECK(page.find("indices.csv could not be read") != std::string::npos);
    CHECK(png_files(report) == 3);
    CHECK(page.find("Sweep cells") != std::string::npos);
  }
}

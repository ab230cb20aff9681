// The one parameter table: models/parameters.csv, the C++ field lists (models/parameters.hpp),
// the compiled-in table (models/parameter_table.*) and docs/MODEL.md agree.
//
// Every expectation here comes from outside the code under test: the CSV file is read from
// the source tree by this file's own reader (RFC 4180, not the library's), the fields come
// from the X-macro lists themselves, and the doc is compared with what `attune params` prints.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/assessments/reunion_trace.hpp"
#include "models/assessments/sensitivity_coding.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "models/assessments/still_face.hpp"
#include "models/interaction_metrics.hpp"
#include "models/parameter_table.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

/// One row of models/parameters.csv as this test reads it: the text of each field.
struct CsvParameterRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
  const std::string& group() const { return fields[0]; }
  const std::string& name() const { return fields[1]; }
  std::string qualified() const { return fields[0] + "." + fields[1]; }
};

const char* const kCsvHeader = "group,name,default,unit,min,max,symbol,description,source";

/// An RFC 4180 reader (quoted fields, "" for a quote inside one, CRLF or LF line ends),
/// written apart from the library's so the two can disagree.
std::vector<CsvParameterRow> read_parameter_csv(const std::string& text) {
  std::vector<CsvParameterRow> rows;
  CsvParameterRow row{1, {std::string()}};
  std::size_t line = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        row.fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        row.fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.fields.emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
      row = CsvParameterRow{++line, {std::string()}};
    } else {
      row.fields.back() += c;
    }
  }
  if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
  return rows;
}

/// The whole text as a number, or a failed check naming it.
double table_csv_number(const std::string& text, const std::string& what) {
  INFO(what << ": \"" << text << "\"");
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  REQUIRE(!text.empty());
  REQUIRE(end == text.c_str() + text.size());
  REQUIRE(errno == 0);
  REQUIRE(std::isfinite(value));
  return value;
}

std::uint64_t double_bits(double value) { return std::bit_cast<std::uint64_t>(value); }

/// models/parameters.csv as it is in the source tree now.
std::vector<CsvParameterRow> csv_file_rows(std::string* header = nullptr) {
  const std::string text = read_text(std::string(ATTUNE_SOURCE_DIR) + "/models/parameters.csv");
  REQUIRE(!text.empty());
  auto rows = read_parameter_csv(text);
  REQUIRE(!rows.empty());
  if (header) {
    std::string joined;
    for (const auto& f : rows.front().fields) joined += (joined.empty() ? "" : ",") + f;
    *header = joined;
  }
  rows.erase(rows.begin());
  return rows;
}

/// One field of Parameters as the X-macro lists declare it: group, name, its byte offset
/// and its value in `p`, in declaration order.
struct DeclaredField {
  std::string group, name;
  std::size_t offset;
  double value;
};

std::vector<DeclaredField> declared_fields(const Parameters& p) {
  std::vector<DeclaredField> fields;
#define ATTUNE_FIELD(group, type, name) \
  fields.push_back({#group, #name, offsetof(Parameters, group) + offsetof(type, name), p.group.name});
#define ATTUNE_T_INFANT(name) ATTUNE_FIELD(infant, InfantParameters, name)
#define ATTUNE_T_CAREGIVER(name) ATTUNE_FIELD(caregiver, CaregiverParameters, name)
#define ATTUNE_T_STRESSOR(name) ATTUNE_FIELD(stressors, StressorParameters, name)
#define ATTUNE_T_IWM(name) ATTUNE_FIELD(iwm, IwmParameters, name)
#define ATTUNE_T_SSP(name) ATTUNE_FIELD(ssp, SspParameters, name)
#define ATTUNE_T_STILL_FACE(name) ATTUNE_FIELD(still_face, StillFaceParameters, name)
  ATTUNE_INFANT_PARAMETERS(ATTUNE_T_INFANT)
  ATTUNE_CAREGIVER_PARAMETERS(ATTUNE_T_CAREGIVER)
  ATTUNE_STRESSOR_PARAMETERS(ATTUNE_T_STRESSOR)
  ATTUNE_IWM_PARAMETERS(ATTUNE_T_IWM)
  ATTUNE_SSP_PARAMETERS(ATTUNE_T_SSP)
  ATTUNE_STILL_FACE_PARAMETERS(ATTUNE_T_STILL_FACE)
#undef ATTUNE_T_INFANT
#undef ATTUNE_T_CAREGIVER
#undef ATTUNE_T_STRESSOR
#undef ATTUNE_T_IWM
#undef ATTUNE_T_SSP
#undef ATTUNE_T_STILL_FACE
#undef ATTUNE_FIELD
  return fields;
}

std::string model_doc_text() {
  const std::string doc = read_text(std::string(ATTUNE_SOURCE_DIR) + "/docs/MODEL.md");
  REQUIRE(!doc.empty());
  return doc;
}

/// The text between `<!-- parameter-table:begin -->\n` and `<!-- parameter-table:end -->`.
std::string doc_table_block(const std::string& doc) {
  const std::string begin = "<!-- parameter-table:begin -->\n", end = "<!-- parameter-table:end -->";
  const auto from = doc.find(begin);
  REQUIRE(from != std::string::npos);
  const auto to = doc.find(end, from);
  REQUIRE(to != std::string::npos);
  REQUIRE(doc.find(begin, from + 1) == std::string::npos);  // one table, not two
  return doc.substr(from + begin.size(), to - from - begin.size());
}

/// The units docs/MODEL.md §12 documents: the backquoted words of its "Units:" paragraph.
std::set<std::string> documented_units(const std::string& doc) {
  const auto from = doc.find("\nUnits: ");
  REQUIRE(from != std::string::npos);
  const auto to = doc.find("\n\n", from + 1);
  REQUIRE(to != std::string::npos);
  const std::string paragraph = doc.substr(from, to - from);
  std::set<std::string> units;
  for (auto open = paragraph.find('`'); open != std::string::npos; open = paragraph.find('`', open + 1)) {
    const auto close = paragraph.find('`', open + 1);
    REQUIRE(close != std::string::npos);
    units.insert(paragraph.substr(open + 1, close - open - 1));
    open = close;
  }
  return units;
}

std::vector<std::string> split_markdown_row(const std::string& line) {
  // "| a | b | c |" -> {"a", "b", "c"}; no cell of the table holds a '|'.
  std::vector<std::string> cells;
  std::size_t at = line.find('|');
  while (at != std::string::npos) {
    const auto next = line.find('|', at + 1);
    if (next == std::string::npos) break;
    std::string cell = line.substr(at + 1, next - at - 1);
    cell.erase(0, cell.find_first_not_of(' '));
    cell.erase(cell.find_last_not_of(' ') + 1);
    cells.push_back(cell);
    at = next;
  }
  return cells;
}

}  // namespace

TEST_CASE("models/parameter_table: parameters.csv's rows are well formed (header, ranges, units, text)") {
  std::string header;
  const auto rows = csv_file_rows(&header);
  CHECK(header == kCsvHeader);
  const std::set<std::string> groups = {"infant", "caregiver",  "stressors", "iwm",
                                        "ssp",    "still_face", "instrument"};
  const std::set<std::string> units = documented_units(model_doc_text());
  std::set<std::string> used_units, names;
  for (const auto& row : rows) {
    INFO("models/parameters.csv:" << row.line << " " << row.qualified());
    REQUIRE(row.fields.size() == 9);
    CHECK(groups.count(row.group()) == 1);
    CHECK(names.insert(row.qualified()).second);  // each name once
    CHECK(row.name().find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
    const double value = table_csv_number(row.fields[2], "default"),
                 min = table_csv_number(row.fields[4], "min"), max = table_csv_number(row.fields[5], "max");
    CHECK(min <= value);
    CHECK(value <= max);
    if (row.group() == "instrument") {
      CHECK(double_bits(min) == double_bits(value));  // a fixed constant: its range is itself
      CHECK(double_bits(max) == double_bits(value));
    } else {
      CHECK(min < max);  // a run-time parameter has room to vary; a point range is an instrument's
    }
    CHECK(units.count(row.fields[3]) == 1);  // a unit docs/MODEL.md §12 documents
    used_units.insert(row.fields[3]);
    CHECK(!row.fields[6].empty());  // symbol
    CHECK(!row.fields[7].empty());  // description
    CHECK(!row.fields[8].empty());  // source
  }
  // The documented list names only units in use, so it cannot hide a stray one.
  CHECK(used_units == units);
}

TEST_CASE("models/parameter_table: the compiled table holds parameters.csv's rows, field by field, bitwise") {
  const auto rows = csv_file_rows();
  std::vector<CsvParameterRow> model_rows, instrument_rows;
  for (const auto& row : rows) (row.group() == "instrument" ? instrument_rows : model_rows).push_back(row);
  const auto compare = [](const std::vector<CsvParameterRow>& csv, const std::vector<ParameterInfo>& table) {
    REQUIRE(table.size() == csv.size());
    for (std::size_t i = 0; i < csv.size(); ++i) {
      const auto& f = csv[i].fields;
      const auto& row = table[i];
      INFO("models/parameters.csv:" << csv[i].line << " " << csv[i].qualified() << " against table row "
                                    << i);
      CHECK(row.group == f[0]);
      CHECK(row.name == f[1]);
      CHECK(double_bits(row.default_value) == double_bits(table_csv_number(f[2], "default")));
      CHECK(row.unit == f[3]);
      CHECK(double_bits(row.min) == double_bits(table_csv_number(f[4], "min")));
      CHECK(double_bits(row.max) == double_bits(table_csv_number(f[5], "max")));
      CHECK(row.symbol == f[6]);
      CHECK(row.description == f[7]);
      CHECK(row.source == f[8]);
    }
  };
  compare(model_rows, parameter_table());
  compare(instrument_rows, instrument_table());
}

TEST_CASE(
    "models/parameter_table: each field of Parameters has its CSV row, in declaration order, with its "
    "default") {
  const auto rows = csv_file_rows();
  std::vector<CsvParameterRow> model_rows;
  for (const auto& row : rows)
    if (row.group() != "instrument") model_rows.push_back(row);
  const Parameters defaults = default_parameters();
  const auto fields = declared_fields(defaults);
  // Every double of Parameters is a listed field (no field outside the X-macro lists).
  CHECK(fields.size() * sizeof(double) == sizeof(Parameters));
  REQUIRE(fields.size() == model_rows.size());
  const auto& table = parameter_table();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& field = fields[i];
    INFO("field " << i << ": " << field.group << "." << field.name
                  << "; models/parameters.csv:" << model_rows[i].line << " " << model_rows[i].qualified());
    CHECK(model_rows[i].group() == field.group);
    CHECK(model_rows[i].name() == field.name);
    // The value the program runs with, read through the struct member, is the CSV's to the bit.
    CHECK(double_bits(field.value) == double_bits(table_csv_number(model_rows[i].fields[2], "default")));
    CHECK(table[i].offset == field.offset);
    const auto index = find_parameter(field.group, field.name);
    REQUIRE(index.has_value());
    CHECK(*index == i);
    // parameter_value() addresses this field and no other: write through it, read the member.
    Parameters p = defaults;
    const double sentinel = 1000.0 + double(i);
    parameter_value(p, table[*index]) = sentinel;
    const auto after = declared_fields(p);
    for (std::size_t j = 0; j < after.size(); ++j) {
      if (j == i) {
        CHECK(after[j].value == sentinel);
      } else if (double_bits(after[j].value) != double_bits(fields[j].value)) {
        FAIL_CHECK("writing " << field.name << " changed " << after[j].group << "." << after[j].name);
      }
    }
  }
  CHECK_FALSE(find_parameter("caregiver", "detecton").has_value());
  CHECK_FALSE(find_parameter("infant", "detection").has_value());  // a name is found only in its group
}

TEST_CASE("models/parameter_table: every instrument row equals the C++ constant it documents") {
  // The instrument's constants are compile-time (array sizes, the protocol, the coding
  // anchors), so the table cannot set them: this ties each CSV row to its constant.
  const std::pair<const char*, double> constants[] = {
      {"ssp_introduction", kSspIntroductionSeconds},
      {"ssp_episode", kSspEpisodeSeconds},
      {"proximity_seeking_full", kFullProximitySeeking},
      {"late_approach_after", kLateApproachAfter},
      {"late_approach_weight", kLateApproachWeight},
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
  std::vector<CsvParameterRow> instrument_rows;
  for (const auto& row : csv_file_rows())
    if (row.group() == "instrument") instrument_rows.push_back(row);
  REQUIRE(instrument_rows.size() == std::size(constants));  // a new row needs its tie here
  for (const auto& [name, value] : constants) {
    INFO(name);
    const auto row = std::find_if(instrument_rows.begin(), instrument_rows.end(),
                                  [&](const CsvParameterRow& r) { return r.name() == name; });
    REQUIRE(row != instrument_rows.end());
    CHECK(double_bits(table_csv_number(row->fields[2], "default")) == double_bits(value));
    CHECK(!find_parameter("instrument", name).has_value());  // no scenario can set it
  }
}

TEST_CASE(
    "models/parameter_table: docs/MODEL.md holds the table `attune params` prints, row for row the CSV's") {
  const std::string doc = model_doc_text();
  const std::string block = doc_table_block(doc);
  // What the binary prints (scripts/update-model-doc.sh writes it, its trailing newlines as one).
  TempFolder folder("attune_params", "doc");
  const auto result = run_attune("params", folder.path());
  REQUIRE(result.status == 0);
  std::string printed = result.out;
  while (!printed.empty() && printed.back() == '\n') printed.pop_back();
  // If this fails, run scripts/update-model-doc.sh.
  CHECK(block == printed + "\n");

  // And the doc's rows say what the CSV says, read apart from the generator.
  const auto lines = lines_of(block);
  const auto rows = csv_file_rows();
  std::vector<CsvParameterRow> ordered;  // the doc lists model rows, then the instrument's
  for (const auto& row : rows)
    if (row.group() != "instrument") ordered.push_back(row);
  for (const auto& row : rows)
    if (row.group() == "instrument") ordered.push_back(row);
  REQUIRE(lines.size() == ordered.size() + 2);
  CHECK(split_markdown_row(lines[0]) ==
        std::vector<std::string>{"parameter", "default", "unit", "range", "symbol", "description", "source"});
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const auto& f = ordered[i].fields;
    const auto cells = split_markdown_row(lines[i + 2]);
    INFO("docs/MODEL.md table row " << i + 1 << ": " << lines[i + 2]);
    REQUIRE(cells.size() == 7);
    CHECK(cells[0] == "`" + ordered[i].qualified() + "`");
    // The doc prints 6 significant digits; the CSV's defaults and ranges need no more, so the
    // doc's number is the CSV's exactly (a longer one would be shown rounded: a wrong default).
    CHECK(double_bits(table_csv_number(cells[1], "doc default")) ==
          double_bits(table_csv_number(f[2], "csv default")));
    CHECK(cells[2] == f[3]);
    REQUIRE(cells[3].size() > 2);
    const auto comma = cells[3].find(", ");
    REQUIRE(comma != std::string::npos);
    CHECK(double_bits(table_csv_number(cells[3].substr(1, comma - 1), "doc min")) ==
          double_bits(table_csv_number(f[4], "csv min")));
    CHECK(double_bits(table_csv_number(cells[3].substr(comma + 2, cells[3].size() - comma - 3), "doc max")) ==
          double_bits(table_csv_number(f[5], "csv max")));
    CHECK(cells[4] == f[6]);
    CHECK(cells[5] == f[7]);
    CHECK(cells[6] == f[8]);
  }
}

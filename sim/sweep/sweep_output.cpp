#include "sim/sweep/sweep_output.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/csv_format.hpp"
#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/io/temporary_files.hpp"
#include "analysis/comparison/summary_row.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/run/version.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const fs::path& path) {
  try {
    return nlohmann::json::parse(read_all(path));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path.string() + ": not valid JSON: " + e.what());
  }
}

std::uint64_t shard_number(std::string_view text, bool& ok) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  ok = ok && !text.empty() && error == std::errc{} && end == text.data() + text.size();
  return value;
}

std::string shard_text(const Shard& shard) { return std::to_string(shard.index) + "/" + std::to_string(shard.count); }

/// The cell folders in `cells` (not the temporary ones), by index.
std::vector<std::pair<std::uint64_t, fs::path>> cell_folders(const fs::path& cells) {
  std::vector<std::pair<std::uint64_t, fs::path>> found;
  if (!fs::is_directory(cells)) return found;
  for (const auto& entry : fs::directory_iterator(cells)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.' || !entry.is_directory()) continue;
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    found.emplace_back(std::stoull(name), entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// "3, 7, 12 and 40 more" for a message.
std::string listed(const std::vector<std::uint64_t>& cells) {
  std::string text;
  for (std::size_t i = 0; i < cells.size() && i < 10; ++i) text += (i ? ", " : "") + std::to_string(cells[i]);
  if (cells.size() > 10) text += " and " + std::to_string(cells.size() - 10) + " more";
  return text;
}

void write_row_head(std::ostream& out, const CellRow& row) {
  out << row.index;
  for (const auto& value : row.values) {
    out << ',';
    write_csv_text(out, value);
  }
  out << ',' << row.replicate << ',' << row.seed;
}

/// An error as one line of a table.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::string line;
  for (char c : text) line += c == '\n' ? std::string(" | ") : std::string(1, c);
  return line;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  if (text.empty()) return {};
  const auto slash = text.find('/');
  bool ok = slash != std::string::npos;
  Shard shard;
  if (ok) {
    shard.index = shard_number(std::string_view(text).substr(0, slash), ok);
    shard.count = shard_number(std::string_view(text).substr(slash + 1), ok);
  }
  if (!ok || shard.count == 0 || shard.index >= shard.count)
    throw std::invalid_argument("--shard " + text + ": expected I/N with N >= 1 and 0 <= I < N (e.g. 3/16)");
  return shard;
}

CellTable cell_table(const Design& design, const std::vector<SweepCell>& cells) {
  CellTable table{design.axes, {}};
  for (const auto& cell : cells) table.rows.push_back({cell.index, design.points[cell.point].values, cell.replicate, cell.seed});
  // A csv row with the wrong field count has no values; blanks keep the columns aligned.
  for (auto& row : table.rows) row.values.resize(table.axes.size());
  return table;
}

std::string cell_table_csv(const CellTable& table) {
  std::ostringstream out;
  out << "cell";
  for (const auto& axis : table.axes) out << ',' << axis;
  out << ",replicate,seed\n";
  for (const auto& row : table.rows) {
    write_row_head(out, row);
    out << '\n';
  }
  return out.str();
}

CellTable read_cell_table(const fs::path& path) {
  TextLines in(path);
  std::string line;
  const auto fail = [&path](const std::string& why) { return std::runtime_error(path.string() + ": " + why); };
  if (!in.next(line)) throw fail("empty");
  const auto header = split_csv_line(line);
  if (!header || header->size() < 3 || header->front() != "cell") throw fail("not a design.csv written by attune sweep");
  CellTable table;
  table.axes.assign(header->begin() + 1, header->end() - 2);
  while (in.next(line)) {
    const auto fields = split_csv_line(line);
    if (!fields || fields->size() != header->size()) throw fail("malformed row: " + line);
    try {
      table.rows.push_back({std::stoull(fields->front()), {fields->begin() + 1, fields->end() - 2},
                            std::stoull((*fields)[fields->size() - 2]), std::stoull(fields->back())});
    } catch (const std::logic_error&) {
      throw fail("malformed row: " + line);
    }
  }
  return table;
}

nlohmann::json sweep_provenance(const std::string& sweep_file, const std::string& identity, std::uint64_t seed,
                                const Shard& shard, const std::string& command_line) {
  return {{"sweep_file", sweep_file}, {"sweep_sha256", identity},     {"seed", seed},
          {"shard", shard_text(shard)}, {"attune_version", kVersion}, {"git_revision", kGitRevision},
          {"command_line", command_line}};
}

void prepare_sweep_folder(const fs::path& out, const std::string& identity, const Shard& shard, bool resume) {
  const fs::path provenance = out / "sweep.json";
  const fs::path cells = out / "cells";
  output_folder_path(out.string());  // refuses a link or a file in place of the folder
  if (fs::is_regular_file(fs::symlink_status(provenance))) {
    const auto held = read_json(provenance);
    if (held.value("sweep_sha256", "") != identity)
      throw std::invalid_argument(out.string() + " holds the outputs of a different sweep (another sweep file, base scenario, --dyads "
                                  "or --set, or another attune build); choose another --out");
    if (held.value("shard", "") != shard_text(shard))
      throw std::invalid_argument(out.string() + " holds shard " + held.value("shard", "?") + " of this sweep, not " +
                                  shard_text(shard));
    if (!resume)
      throw std::invalid_argument(out.string() + " already holds this sweep; pass --resume to finish it, or choose another --out");
  } else if (fs::exists(out)) {
    // Only what a sweep killed before writing sweep.json leaves (an empty cells/, temporary
    // files) is taken over.
    bool ours = cell_folders(cells).empty();
    for (const auto& entry : fs::directory_iterator(out)) {
      const std::string name = entry.path().filename().string();
      ours = ours && (name == "cells" || is_temporary_name(name));
    }
    if (!ours) throw std::invalid_argument(out.string() + " exists and is not a sweep folder; choose another --out");
  }
  // A link among the outputs would be written through or read as a finished cell.
  if (fs::exists(out))
    if (const std::string link = first_link_inside(out); !link.empty())
      throw std::invalid_argument(link + " is a symbolic link; attune writes no output through a link (remove it, or "
                                         "choose another --out)");
  // First of all: from here until the sweep is finished again the folder is not complete.
  if (fs::exists(out)) mark_incomplete(out);
  fs::create_directories(cells);
  // Left by a killed run: temporary files and half-written cells, and failed cells, which run again.
  remove_stale_temporaries(out);
  remove_stale_temporaries(cells);
  for (const auto& [index, folder] : cell_folders(cells))
    if (!fs::exists(folder / "summary.json")) fs::remove_all(folder);
}

bool cell_finished(const fs::path& out, std::uint64_t index) {
  return fs::exists(out / "cells" / cell_folder_name(index) / "summary.json");
}

std::uint64_t write_sweep_tables(const fs::path& out, const CellTable& table, const Shard& shard) {
  std::vector<const CellRow*> finished, failed;
  std::vector<std::uint64_t> missing;
  for (const auto& row : table.rows) {
    if (!shard.holds(row.index)) continue;
    const fs::path folder = out / "cells" / cell_folder_name(row.index);
    if (fs::exists(folder / "summary.json")) finished.push_back(&row);
    else if (fs::exists(folder / "error.txt")) failed.push_back(&row);
    else missing.push_back(row.index);
  }
  if (!missing.empty()) throw std::runtime_error(out.string() + ": cells without a folder: " + listed(missing));

  std::ostringstream head;
  head << "cell";
  for (const auto& axis : table.axes) {
    head << ',';
    write_csv_text(head, axis);
  }
  head << ",replicate,seed";

  AtomicFile cells_csv((out / "cells.csv").string());
  auto& cells = cells_csv.stream();
  cells << head.str();
  bool header_done = false;
  for (const CellRow* row : finished) {
    const SummaryRow summary = summary_row(read_json(out / "cells" / cell_folder_name(row->index) / "summary.json"));
    if (!header_done) {
      write_row_names(cells, summary);
      cells << '\n';
      header_done = true;
    }
    write_row_head(cells, *row);
    write_row_values(cells, summary);
    cells << '\n';
  }
  if (!header_done) cells << '\n';

  AtomicFile failures_csv((out / "failures.csv").string());
  auto& failures = failures_csv.stream();
  failures << head.str() << ",error\n";
  for (const CellRow* row : failed) {
    write_row_head(failures, *row);
    failures << ',';
    write_csv_text(failures, one_line(read_all(out / "cells" / cell_folder_name(row->index) / "error.txt")));
    failures << '\n';
  }
  cells_csv.commit();
  failures_csv.commit();
  return failed.size();
}

std::uint64_t merge_shards(const fs::path& out, const std::vector<fs::path>& shards, const std::string& command_line,
                           const std::function<void(const fs::path& staged)>& finish) {
  if (shards.empty()) throw std::invalid_argument("name at least one shard folder to merge");
  std::string identity;
  nlohmann::json first;
  for (const auto& shard : shards) {
    if (!fs::exists(shard / "sweep.json")) throw std::invalid_argument(shard.string() + " is not a sweep folder (no sweep.json)");
    const auto provenance = read_json(shard / "sweep.json");
    const std::string id = provenance.value("sweep_sha256", "");
    if (identity.empty()) identity = id, first = provenance;
    if (id != identity)
      throw std::invalid_argument(shard.string() + " is a shard of a different sweep than " + shards.front().string() +
                                  " (sweep_sha256 differs)");
    if (!is_complete(shard))
      throw std::invalid_argument(shard.string() + " holds a shard that has not finished (no " + kCompleteMarker +
                                  " file): finish it with attune sweep SWEEP --shard " + provenance.value("shard", "I/N") +
                                  " --resume --out " + shard.string());
    if (const std::string link = first_link_inside(shard); !link.empty())
      throw std::invalid_argument(link + " is a symbolic link; attune merges no shard folder that holds a link");
  }
  const CellTable table = read_cell_table(shards.front() / "design.csv");

  std::map<std::uint64_t, fs::path> found;
  std::vector<std::uint64_t> duplicates, missing;
  for (const auto& shard : shards)
    for (const auto& [index, folder] : cell_folders(shard / "cells")) {
      if (!fs::exists(folder / "summary.json") && !fs::exists(folder / "error.txt")) continue;
      if (!found.emplace(index, folder).second) duplicates.push_back(index);
    }
  for (const auto& row : table.rows)
    if (!found.count(row.index)) missing.push_back(row.index);
  if (!duplicates.empty()) throw std::invalid_argument("cells found in more than one shard folder: " + listed(duplicates));
  if (!missing.empty())
    throw std::invalid_argument("cells missing from the shard folders (run or --resume their shards): " + listed(missing));

  // The merged folder is made whole beside `out` and renamed into place at the end.
  StagedFolder staged(out.string(), [](const fs::path& folder) -> std::string {
    std::error_code error;
    return fs::is_empty(folder, error) && !error ? "" : folder.string() + " exists and is not empty; merge into a new folder";
  });
  const fs::path& into = staged.path();
  fs::create_directories(into / "cells");
  for (const char* name : {"design.csv", "design.json", "base.resolved.yaml", "sweep.yaml"})
    write_file_atomically((into / name).string(), read_all(shards.front() / name));
  for (const auto& [index, folder] : found) fs::copy(folder, into / "cells" / cell_folder_name(index), fs::copy_options::recursive);
  auto provenance = sweep_provenance(first.value("sweep_file", ""), identity, first.value("seed", std::uint64_t{0}),
                                     Shard{}, command_line);
  provenance["overrides"] = first.value("overrides", nlohmann::json::array());
  provenance["merged_from"] = nlohmann::json::array();
  for (const auto& shard : shards) provenance["merged_from"].push_back(shard.string());
  write_file_atomically((into / "sweep.json").string(), provenance.dump(2) + "\n");
  const std::uint64_t failed = write_sweep_tables(into, table, Shard{});
  if (finish) finish(into);
  mark_complete(into);
  staged.commit();
  return failed;
}

}  // namespace attune

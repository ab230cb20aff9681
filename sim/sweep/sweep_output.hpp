#pragma once
/// A sweep's output folder: its identity and provenance, the cell table (design.csv),
/// the finished cell folders, and cells.csv / failures.csv built from them in cell order,
/// so the tables are the same however, wherever and in what order the cells ran.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/sweep/sweep_design.hpp"

namespace attune {

/// A cell as listed in design.csv and at the head of its cells.csv row.
struct CellRow {
  std::uint64_t index = 0;
  std::vector<std::string> values;
  std::uint64_t replicate = 0;
  std::uint64_t seed = 0;
};

struct CellTable {
  std::vector<std::string> axes;
  std::vector<CellRow> rows;
};

CellTable cell_table(const Design& design, const std::vector<SweepCell>& cells);

/// design.csv: cell, one column per axis, replicate, seed.
std::string cell_table_csv(const CellTable& table);

/// Reads a design.csv written by cell_table_csv; throws std::runtime_error naming the file.
CellTable read_cell_table(const std::filesystem::path& path);

/// Which cells a process runs: shard `index` of `count` takes the cells whose index
/// modulo `count` is `index` (0 of 1: all).
struct Shard {
  std::uint64_t index = 0, count = 1;
  bool holds(std::uint64_t cell) const { return cell % count == index; }
};

/// "I/N" (0 <= I < N) as given to --shard; all cells for "". Throws std::invalid_argument.
Shard parse_shard(const std::string& text);

/// sweep.json: what makes the folder and how it was made.
nlohmann::json sweep_provenance(const std::string& sweep_file, const std::string& identity, std::uint64_t seed,
                                const Shard& shard, const std::string& command_line);

/// Makes `out` ready for the sweep whose identity (SHA-256 of what determines its
/// results) is `identity`: a new folder, or with `resume` one that holds the same sweep
/// and shard, no longer marked complete, whose leftover temporary files and folders and
/// failed cells are removed so those cells run again. Throws std::invalid_argument if the
/// folder holds something else or a symbolic link, or the same sweep without `resume`.
void prepare_sweep_folder(const std::filesystem::path& out, const std::string& identity, const Shard& shard, bool resume);

/// True when the cell's folder holds a finished run.
bool cell_finished(const std::filesystem::path& out, std::uint64_t index);

/// Writes cells.csv and failures.csv for the cells of `table` that `shard` holds, from
/// their folders. Returns the number of failed cells; throws std::runtime_error listing
/// any cell without a folder.
std::uint64_t write_sweep_tables(const std::filesystem::path& out, const CellTable& table, const Shard& shard);

/// Joins the folders of a sweep's shards into `out`: refuses folders of different sweeps,
/// unfinished shards, a cell found twice or missing; then writes the tables as a single
/// run would, calls `finish` (if set) on the folder being made, marks it complete and renames
/// it into place whole (`out` must be absent or empty). Returns the number of failed cells.
std::uint64_t merge_shards(const std::filesystem::path& out, const std::vector<std::filesystem::path>& shards,
                           const std::string& command_line,
                           const std::function<void(const std::filesystem::path& staged)>& finish = {});

}  // namespace attune

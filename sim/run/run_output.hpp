#pragma once
/// The output folder of one run: dyads.csv streamed as records arrive, then
/// development.csv, summary.json, the resolved scenario and provenance. Every file
/// is written atomically. The columns, counts and summaries here are generic (a record's
/// columns by name, from models/record_columns.hpp); what they mean for attachment is
/// added by analysis/run/run_analysis.hpp.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run/development_tally.hpp"
#include "analysis/run/run_analysis.hpp"
#include "models/dyad_record.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/compression.hpp"
#include "sim/run/column_summary.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// What the output records about how the run was made.
struct Provenance {
  std::string command_line;
  int threads = 0;
  std::uint64_t seed = 0;
  std::uint64_t dyads = 0;
  /// What `--trace` writes beside the run ({dyads, day, format}); null when nothing is traced.
  nlohmann::json trace;
};

class RunOutput {
 public:
  /// dyads.csv is written gzip-compressed, as dyads.csv.gz, with Compression::gzip.
  RunOutput(const std::string& directory, const Scenario& scenario, const Provenance& provenance,
            Compression compression = Compression::none);
  ~RunOutput();
  void consume(const DyadRecord& record);
  /// Writes the remaining files and renames everything into place; returns the summary.
  nlohmann::json finish(double wall_seconds);

 private:
  /// A group of optional columns with the summaries of its columns (empty when the
  /// group is not summarized).
  struct OptionalColumns {
    OptionalColumnGroup group;
    std::vector<ColumnSummary> summaries;
  };
  void write_header();
  void write_categories(const DyadRecord& record);
  void write_development() const;
  nlohmann::json provenance_json(double wall_seconds) const;
  void add_column_summaries(nlohmann::json& summary) const;

  std::string directory_;
  const Scenario& scenario_;
  Provenance provenance_;
  std::vector<std::size_t> drawn_parameters_;
  AtomicFile dyads_csv_;
  std::vector<ColumnSummary> summaries_;
  std::vector<OptionalColumns> optional_;
  std::vector<std::vector<std::uint64_t>> category_counts_;  // [column][category, then not observed]
  RunAnalysis analysis_;
  DevelopmentTally development_;  // development.csv: every month column, with quantiles
  std::uint64_t dyad_seconds_ = 0;
};

}  // namespace attune

#include "sim/cli/analyze_command.hpp"

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <stdexcept>

#include "sim/io/staged_folder.hpp"
#include "sim/sweep/sweep_sensitivity.hpp"

namespace attune {

void write_and_report_indices(const std::string& dir, const std::string& shown) {
  const auto start = std::chrono::steady_clock::now();
  const IndicesSummary summary = write_indices(dir);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const char* unit = summary.design == "saltelli" ? "base rows" : "trajectories";
  std::cout << "indices.csv (" << summary.design << "): " << summary.outputs << " outputs x "
            << summary.parameters << " parameters, " << summary.rows << " rows; " << summary.used << " of "
            << summary.of << ' ' << unit
            << " without a failed cell (an output's n counts those where it has a value); " << std::fixed
            << std::setprecision(2) << took.count() << " s; in " << shown << "/indices.csv\n";
}

int analyze_command(const std::string& dir) {
  // A folder still being made, or one a killed sweep left, has cells.csv of no one run.
  if (std::filesystem::exists(std::filesystem::path(dir) / "sweep.json") && !is_complete(dir))
    throw std::invalid_argument(dir + " holds no finished sweep (no " + kCompleteMarker +
                                " file); finish it with attune sweep SWEEP --resume --out " + dir);
  write_and_report_indices(dir, dir);
  return 0;
}

}  // namespace attune

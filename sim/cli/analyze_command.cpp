#include "sim/cli/analyze_command.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>

#include "sim/sweep/sweep_sensitivity.hpp"

namespace attune {

int analyze_command(const std::string& dir) {
  const auto start = std::chrono::steady_clock::now();
  const IndicesSummary summary = write_indices(dir);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const char* unit = summary.design == "saltelli" ? "base rows" : "trajectories";
  std::cout << "indices.csv (" << summary.design << "): " << summary.outputs << " outputs x "
            << summary.parameters << " parameters, " << summary.rows << " rows; " << summary.used << " of "
            << summary.of << ' ' << unit
            << " without a failed cell (an output's n counts those where it has a value); " << std::fixed
            << std::setprecision(2) << took.count() << " s; in " << dir << "/indices.csv\n";
  return 0;
}

}  // namespace attune

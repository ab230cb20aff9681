#pragma once
/// `attune analyze DIR`: the sensitivity indices of a saltelli or morris sweep (indices.csv),
/// also run at the end of such a sweep and of `attune merge`.
#include <string>

namespace attune {

/// Writes DIR/indices.csv and prints a one-line account (outputs, parameters, base rows or
/// trajectories used, time taken) that names the folder as `shown`. Throws
/// std::invalid_argument (exit 2) when DIR is not the folder of a saltelli or morris sweep.
void write_and_report_indices(const std::string& dir, const std::string& shown);

/// write_and_report_indices for a finished sweep folder (one marked complete); returns 0.
/// Throws std::invalid_argument for a folder not finished.
int analyze_command(const std::string& dir);

}  // namespace attune

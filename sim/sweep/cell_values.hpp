#pragma once
/// A sweep's cells.csv read back as numbers, for what is computed from a finished sweep
/// (sensitivity indices, a calibration's stages).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace attune {

struct CellValues {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;  ///< [cell][column]: NaN for NA, or for a cell without a row (it failed)
  std::vector<bool> has_row;              ///< [cell]
};

/// A cells.csv field as a number; NA (or anything else not a number) is NaN.
double cell_field_value(const std::string& text);

/// Reads `table`, a cells.csv of `cells` cells. Throws std::invalid_argument when it is
/// missing or not a cells.csv written by attune sweep, std::runtime_error naming the file
/// and the row for a malformed row or a cell index out of range.
CellValues read_cell_values(const std::filesystem::path& table, std::size_t cells);

}  // namespace attune

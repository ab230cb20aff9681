#include "sim/sweep/cell_values.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "sim/io/compression.hpp"
#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"

namespace attune {

double cell_field_value(const std::string& text) {
  double x = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), x);
  return error == std::errc() && end == text.data() + text.size() ? x : std::numeric_limits<double>::quiet_NaN();
}

CellValues read_cell_values(const std::filesystem::path& table, std::size_t cells) {
  const auto path = written_table(table.parent_path(), table.filename().string());
  if (!std::filesystem::is_regular_file(path))
    throw std::invalid_argument(table.parent_path().string() + " has no cells.csv (has the sweep finished?)");
  TextLines in(path);
  std::string line;
  if (!in.next(line))
    throw std::invalid_argument(table.parent_path().string() + " has an empty cells.csv (has the sweep finished?)");
  CellValues values;
  values.header = split_csv_line(line).value_or(std::vector<std::string>{});
  if (values.header.empty() || values.header.front() != "cell")
    throw std::invalid_argument(table.string() + ": not a cells.csv written by attune sweep");
  values.rows.assign(cells, std::vector<double>(values.header.size(), std::numeric_limits<double>::quiet_NaN()));
  values.has_row.assign(cells, false);
  while (in.next(line)) {
    const auto fields = split_csv_line(line);
    const double cell = fields && !fields->empty() ? cell_field_value(fields->front()) : -1;
    if (!fields || fields->size() != values.header.size() || !(cell >= 0 && cell < static_cast<double>(cells)))
      throw std::runtime_error(path.string() + ":" + std::to_string(in.number()) + ": malformed row: " + line);
    const auto index = static_cast<std::size_t>(cell);
    values.has_row[index] = true;
    for (std::size_t c = 0; c < fields->size(); ++c) values.rows[index][c] = cell_field_value((*fields)[c]);
  }
  return values;
}

}  // namespace attune

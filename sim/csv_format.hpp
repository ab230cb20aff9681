#pragma once
/// Number formatting for CSV: shortest round-trip text, so files are exact and
/// byte-identical wherever the same doubles are written.
#include <charconv>
#include <cmath>
#include <ostream>

namespace attune {

inline void write_csv_number(std::ostream& out, double value) {
  if (std::isnan(value)) {
    out << "NA";  // what R and pandas read as missing
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.write(buffer, result.ptr - buffer);
}

}  // namespace attune

#pragma once
/// Number formatting for CSV: shortest round-trip text, so files are exact and
/// byte-identical wherever the same doubles are written.
#include <charconv>
#include <cmath>
#include <ostream>
#include <string_view>

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

/// Text as one CSV field: as is when plain, else double-quoted with quotes doubled (RFC 4180).
inline void write_csv_text(std::ostream& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) out << (c == '"' ? "\"\"" : std::string_view(&c, 1));
  out << '"';
}

}  // namespace attune

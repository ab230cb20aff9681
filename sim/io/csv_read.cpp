#include "sim/io/csv_read.hpp"

#include <algorithm>

namespace attune {

std::optional<std::vector<std::string>> split_csv_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields(1);
  std::size_t i = 0;
  while (i <= line.size()) {
    std::string& field = fields.back();
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) return std::nullopt;  // the quote is never closed
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            break;
          }
        } else {
          field += line[i];
        }
      }
      ++i;  // past the closing quote
      if (i < line.size() && line[i] != ',') return std::nullopt;
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      field.append(line.substr(i, end - i));
      i = end;
    }
    if (i >= line.size()) break;
    fields.emplace_back();  // line[i] is a comma
    ++i;
  }
  return fields;
}

}  // namespace attune

#pragma once
/// Reads CSV written elsewhere (R's write.csv, pandas, SALib): comma-separated fields,
/// optionally double-quoted with quotes doubled (RFC 4180); no line breaks inside fields.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

/// The fields of one line (a trailing '\r' is dropped), or nullopt when a quoted field
/// is left open or followed by other text.
std::optional<std::vector<std::string>> split_csv_line(std::string_view line);

}  // namespace attune

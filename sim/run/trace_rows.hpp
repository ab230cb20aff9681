#pragma once
/// The rows of traces.csv, in either of its two forms. Wide (the default): a row per
/// second with a column per series. Long: a row per second, person and series
/// (dyad_id, second, person, variable, value), the form dyadic-dynamics tools such as R's
/// rties read and tidyr's pivot_wider turns back into columns.
#include <cstdint>
#include <ostream>
#include <span>

#include "models/dyad_life.hpp"

namespace attune {

enum class TraceFormat { wide, long_rows };

/// The header line of traces.csv in `format`.
void write_trace_header(std::ostream& out, TraceFormat format);

/// The traced seconds of one dyad's day `day` (bouts of `bout_seconds` seconds) as rows.
void write_trace_rows(std::ostream& out, TraceFormat format, std::uint64_t dyad_id, int day, int bout_seconds,
                      std::span<const TraceSecond> seconds);

}  // namespace attune

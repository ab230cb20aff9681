#include "sim/run/trace_rows.hpp"

#include "sim/io/csv_format.hpp"

namespace attune {

namespace {

/// One row of the long form.
void long_row(std::ostream& out, std::uint64_t dyad_id, int second, const char* person, const char* variable, int value) {
  out << dyad_id << ',' << second << ',' << person << ',' << variable << ',' << value << '\n';
}

}  // namespace

void write_trace_header(std::ostream& out, TraceFormat format) {
  out << (format == TraceFormat::wide
              ? "dyad_id,day,bout,second,arousal,matched,caregiver_engaged,signalling,rupture,repair\n"
              : "dyad_id,second,person,variable,value\n");
}

void write_trace_rows(std::ostream& out, TraceFormat format, std::uint64_t dyad_id, int day, int bout_seconds,
                      std::span<const TraceSecond> seconds) {
  for (const auto& s : seconds) {
    if (format == TraceFormat::wide) {
      out << dyad_id << ',' << day << ',' << s.bout << ',' << s.second << ',';
      write_csv_number(out, s.arousal);
      out << ',' << s.matched << ',' << s.caregiver_engaged << ',' << s.signalling << ',' << s.rupture << ','
          << s.repair << '\n';
      continue;
    }
    // One time axis for the day: the bouts' seconds one after another.
    const int second = s.bout * bout_seconds + s.second;
    out << dyad_id << ',' << second << ",infant,arousal,";
    write_csv_number(out, s.arousal);
    out << '\n';
    long_row(out, dyad_id, second, "infant", "signalling", s.signalling);
    long_row(out, dyad_id, second, "caregiver", "engaged", s.caregiver_engaged);
    long_row(out, dyad_id, second, "caregiver", "act", static_cast<int>(s.act));
    // What belongs to neither partner alone: the dyad's shared state and its events.
    long_row(out, dyad_id, second, "dyad", "matched", s.matched);
    long_row(out, dyad_id, second, "dyad", "rupture", s.rupture);
    long_row(out, dyad_id, second, "dyad", "repair", s.repair);
  }
}

}  // namespace attune

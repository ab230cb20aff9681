#pragma once
/// `attune report DIR`: a self-contained HTML report of a run, sweep or calibration folder,
/// with PNG figures drawn by matplotlib (analysis/report/*.py, compiled into the binary).
#include <string>

namespace attune {

/// Writes DIR/report/index.html and DIR/report/*.png. Returns the exit code: 0 done,
/// 1 python3 or matplotlib missing or the script failed, 2 DIR is not a run, sweep or
/// calibration folder (or a calibration folder without its posterior.csv).
/// The interpreter is /usr/bin/python3 unless ATTUNE_PYTHON names another.
int report_command(const std::string& directory);

namespace detail {
/// The report script: analysis/report/report.py, calibration_report.py and report_main.py
/// joined (CMakeLists.txt).
extern const char* const kReportScript;
}  // namespace detail

}  // namespace attune

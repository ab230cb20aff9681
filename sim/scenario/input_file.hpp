#pragma once
/// Reading an input file (a scenario, sweep, calibration or design CSV) with a bound on
/// its size, so a hostile path (/dev/zero, a FIFO, a huge file) is refused, not read
/// until memory runs out.
#include <cstddef>
#include <optional>
#include <string>

namespace attune {

/// The largest input file read, in bytes: far above any real scenario (a few KiB) or
/// design CSV (a million rows of a few numbers fit), far below the memory of a laptop.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{16} << 20;  // 16 MiB

/// Empty when `path` names something read_input_file may read (not a directory); else why
/// not, led by `kind` ("scenario file not found", "... cannot be opened: File name too long").
std::string input_file_problem(const std::string& path, const std::string& kind);

/// The bytes of `path`, at most kMaxInputFileBytes; nullopt with the reason otherwise.
/// `kind` names the file in the reason ("scenario file" gives "scenario file not found").
/// A FIFO or a device is read as far as the limit, so a pipe still works.
std::optional<std::string> read_input_file(const std::string& path, const std::string& kind, std::string& reason);

}  // namespace attune

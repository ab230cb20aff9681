#include "sim/scenario/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace attune {

namespace fs = std::filesystem;

std::string input_file_problem(const std::string& path, const std::string& kind) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  // The error_code overloads: a name too long or a loop of links is a reason, not an exception.
  if (error || !fs::exists(status))
    return !error || error == std::errc::no_such_file_or_directory ? kind + " not found"
                                                                    : kind + " cannot be opened: " + error.message();
  if (fs::is_directory(status)) return "is a directory, not a " + kind;
  return "";
}

std::optional<std::string> read_input_file(const std::string& path, const std::string& kind, std::string& reason) {
  const std::string limit = "the limit is " + std::to_string(kMaxInputFileBytes >> 20) + " MiB";
  reason = input_file_problem(path, kind);
  if (!reason.empty()) return std::nullopt;
  std::error_code error;
  if (fs::is_regular_file(path, error)) {
    const auto size = fs::file_size(path, error);
    if (!error && size > kMaxInputFileBytes) {
      reason = kind + " is " + std::to_string(size) + " bytes, too large to read (" + limit + ")";
      return std::nullopt;
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    reason = kind + " cannot be read";
    return std::nullopt;
  }
  // Read in chunks up to one byte past the limit: a device or a FIFO has no size to ask.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= kMaxInputFileBytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    reason = kind + " cannot be read";
    return std::nullopt;
  }
  if (text.size() > kMaxInputFileBytes) {
    reason = kind + " is larger than " + std::to_string(kMaxInputFileBytes) + " bytes, too large to read (" + limit + ")";
    return std::nullopt;
  }
  return text;
}

}  // namespace attune

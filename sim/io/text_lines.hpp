#pragma once
/// The one way attune reads a text table line by line, whoever wrote it: a UTF-8
/// byte-order mark before the first line is dropped (Excel's "CSV UTF-8" writes one), and
/// so is the '\r' of a CRLF line end (Excel, R and pandas on Windows); a file is read
/// through zlib, so a gzip-compressed one (attune --compress) reads as its plain text.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

struct gzFile_s;  // zlib's open file

namespace attune {

/// The longest line read: far above any row attune writes (a dyads.csv row is about 1 KiB),
/// so a file with no line ends is refused rather than read into memory whole.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 24;  // 16 MiB

class TextLines {
 public:
  /// Opens `path`, plain or gzip-compressed; throws std::runtime_error naming it when it cannot.
  explicit TextLines(const std::filesystem::path& path);
  /// Lines of `text` already read (an input file read within its size limit); `name` names
  /// it in errors.
  TextLines(std::string text, std::string name);
  ~TextLines();
  TextLines(const TextLines&) = delete;
  TextLines& operator=(const TextLines&) = delete;

  /// The next line without its line end; false after the last. Throws std::runtime_error
  /// naming the file when a compressed file is damaged or cut short, or a line is too long.
  bool next(std::string& line);
  /// The 1-based number of the line next() returned last (0 before the first).
  std::uint64_t number() const { return number_; }
  const std::string& name() const { return name_; }

 private:
  /// Reads more of the file into the buffer; false at its end.
  bool fill();

  std::string name_;
  gzFile_s* file_ = nullptr;
  std::string buffer_;
  std::size_t at_ = 0;  ///< where the next line starts in buffer_
  std::uint64_t number_ = 0;
};

}  // namespace attune

#pragma once
/// An output file that appears whole or not at all: written to a temporary file
/// beside the target and renamed over it only after every byte was flushed.
#include <fstream>
#include <string>

namespace attune {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  ///< removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Throws OutputError naming the file if any write failed (a full disk).
  void check();
  /// Flushes, checks, closes and renames into place.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Writes `text` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace attune

#pragma once
/// An output file that appears whole or not at all: written to a temporary file made
/// exclusively beside the target (sim/io/temporary_files.hpp) and renamed over it only
/// after every byte was written. A symbolic link where the file goes is refused, never
/// followed. Errors are OutputError, naming the file and the system's reason. A file may be
/// gzip-compressed as it is written (sim/io/compression.hpp).
#include <memory>
#include <ostream>
#include <string>

#include "sim/io/compression.hpp"
#include "sim/io/detail/descriptor_buffer.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/temporary_files.hpp"

namespace attune {

namespace detail {
class GzipBuffer;  // sim/io/detail/gzip_buffer.hpp: zlib's header stays out of every writer's
}

class AtomicFile {
 public:
  /// Throws OutputError when `path` is a symbolic link or a folder, or nothing can be made beside it.
  /// With Compression::gzip the text written to stream() is compressed (`path` is the name
  /// as given: the caller adds .gz, see compressed_name).
  explicit AtomicFile(std::string path, Compression compression = Compression::none);
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
  Temporary temporary_;
  detail::DescriptorBuffer buffer_;
  std::unique_ptr<detail::GzipBuffer> gzip_;  ///< between out_ and buffer_ when compressed
  std::ostream out_;
  bool committed_ = false;
};

/// Writes `text` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace attune

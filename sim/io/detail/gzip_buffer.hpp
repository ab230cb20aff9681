#pragma once
/// An output stream buffer that gzip-compresses (zlib's deflate) into another stream
/// buffer. The gzip header holds no time and no file name, and the compressed bytes depend
/// only on the bytes written, never on when the stream was flushed: the same table gives
/// the same file on any machine, run or thread count.
#include <zlib.h>

#include <streambuf>
#include <vector>

namespace attune::detail {

class GzipBuffer : public std::streambuf {
 public:
  /// Compresses into `sink`; throws std::bad_alloc when zlib cannot allocate its state.
  explicit GzipBuffer(std::streambuf& sink);
  ~GzipBuffer() override;
  GzipBuffer(const GzipBuffer&) = delete;
  GzipBuffer& operator=(const GzipBuffer&) = delete;
  /// Compresses what is left and writes the gzip trailer; false when the sink refused bytes.
  bool finish();

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  /// Hands the buffered text to deflate with `flush` (Z_NO_FLUSH or Z_FINISH) and writes
  /// what it gives to the sink; false when the sink refused bytes.
  bool deflate_buffered(int flush);

  std::streambuf& sink_;
  z_stream stream_{};
  gz_header header_{};  ///< read by deflate until the header is written
  std::vector<char> input_, output_;
  bool failed_ = false;
};

}  // namespace attune::detail

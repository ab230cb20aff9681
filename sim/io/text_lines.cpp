#include "sim/io/text_lines.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace attune {

namespace {
constexpr std::size_t kReadBytes = std::size_t{1} << 16;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
}  // namespace

TextLines::TextLines(const std::filesystem::path& path) : name_(path.string()), file_(gzopen(name_.c_str(), "rb")) {
  if (!file_)
    throw std::runtime_error(name_ + ": cannot open: " + (errno != 0 ? std::strerror(errno) : "out of memory"));
}

TextLines::TextLines(std::string text, std::string name) : name_(std::move(name)), buffer_(std::move(text)) {}

TextLines::~TextLines() {
  if (file_) gzclose(file_);
}

bool TextLines::fill() {
  if (!file_) return false;
  buffer_.erase(0, at_);
  at_ = 0;
  const std::size_t held = buffer_.size();
  buffer_.resize(held + kReadBytes);
  const int got = gzread(file_, buffer_.data() + held, static_cast<unsigned>(kReadBytes));
  buffer_.resize(held + static_cast<std::size_t>(std::max(got, 0)));
  // zlib reports a cut-short compressed file as Z_BUF_ERROR beside the bytes it could
  // read, and a damaged one as Z_DATA_ERROR: either is an error, never an early end.
  int error = Z_OK;
  const char* message = gzerror(file_, &error);
  if (got < 0 || error != Z_OK)
    throw std::runtime_error(name_ + ": cannot read: " +
                             (error == Z_ERRNO ? std::strerror(errno) : error == Z_BUF_ERROR ? "the compressed file is cut short" : message));
  return got > 0;
}

bool TextLines::next(std::string& line) {
  std::size_t end = buffer_.find('\n', at_);
  while (end == std::string::npos) {
    if (buffer_.size() - at_ > kMaxLineBytes)
      throw std::runtime_error(name_ + ":" + std::to_string(number_ + 1) + ": a line longer than " +
                               std::to_string(kMaxLineBytes >> 20) + " MiB (is this a text table?)");
    const std::size_t searched = buffer_.size() - at_;
    if (!fill()) break;
    end = buffer_.find('\n', at_ + searched);
  }
  if (end == std::string::npos && at_ == buffer_.size()) return false;
  const std::size_t stop = end == std::string::npos ? buffer_.size() : end;
  line.assign(buffer_, at_, stop - at_);
  at_ = end == std::string::npos ? buffer_.size() : end + 1;
  if (number_++ == 0 && std::string_view(line).substr(0, kByteOrderMark.size()) == kByteOrderMark)
    line.erase(0, kByteOrderMark.size());
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace attune

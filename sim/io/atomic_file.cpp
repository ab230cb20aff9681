#include "sim/io/atomic_file.hpp"

#include "sim/io/detail/gzip_buffer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim/io/output_error.hpp"

namespace attune {

namespace {

/// Throws OutputError when a symbolic link or a folder stands where the file goes.
void refuse_link(const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return;  // absent: nothing in the way
  if (S_ISLNK(status.st_mode))
    throw OutputError(path + ": is a symbolic link; attune writes no output through a link (remove it, or choose "
                             "another output folder)");
  if (S_ISDIR(status.st_mode)) throw OutputError(path + ": is a folder, where a file goes");
}

}  // namespace

AtomicFile::AtomicFile(std::string path, Compression compression)
    : path_(std::move(path)),
      temporary_((refuse_link(path_), Temporary::file_beside(path_))),
      buffer_(temporary_.fd()),
      gzip_(compression == Compression::gzip ? std::make_unique<detail::GzipBuffer>(buffer_) : nullptr),
      out_(gzip_ ? static_cast<std::streambuf*>(gzip_.get()) : &buffer_) {}

AtomicFile::~AtomicFile() {
  if (!committed_) ::unlink(temporary_.path().c_str());  // before the close releases its lock
}

void AtomicFile::check() {
  if (buffer_.error() != 0) throw OutputError(path_ + ": cannot write: " + std::strerror(buffer_.error()));
  if (!out_) throw OutputError(path_ + ": cannot write");
}

void AtomicFile::commit() {
  out_.flush();
  if (gzip_ && !gzip_->finish()) out_.setstate(std::ios::badbit);
  check();
  if (const int error = temporary_.close(); error != 0)
    throw OutputError(path_ + ": cannot write: " + std::strerror(error));
  // A link planted while the file was written is refused as one planted before.
  refuse_link(path_);
  if (std::rename(temporary_.path().c_str(), path_.c_str()) != 0)
    throw OutputError(path_ + ": cannot rename into place: " + std::strerror(errno));
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

}  // namespace attune

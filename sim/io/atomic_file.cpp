#include "sim/io/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

#include "sim/io/output_error.hpp"

namespace attune {

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), temp_path_(path_ + ".tmp." + std::to_string(::getpid())) {
  out_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!out_) throw OutputError(path_ + ": cannot create file: " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_path_.c_str());
  }
}

void AtomicFile::check() {
  if (!out_) throw OutputError(path_ + ": write failed (disk full?)");
}

void AtomicFile::commit() {
  out_.flush();
  check();
  out_.close();
  if (out_.fail()) throw OutputError(path_ + ": closing failed (disk full?)");
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
    throw OutputError(path_ + ": cannot rename into place: " + std::strerror(errno));
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

}  // namespace attune

#pragma once
/// An output stream buffer over a file descriptor that keeps the errno of its first failed
/// write, so a full disk is reported as "No space left on device", not as a failed stream.
#include <streambuf>
#include <vector>

namespace attune::detail {

class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd);
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
  /// The errno of the first write that failed; 0 while none has.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  /// Writes out what the buffer holds; false (and error() set) when the descriptor refuses.
  bool drain();

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

}  // namespace attune::detail

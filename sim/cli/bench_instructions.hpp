#pragma once
/// Instructions retired by the calling thread in user space, from the CPU's hardware
/// counter (Linux perf_event_open), for `attune bench`: a count that other load on the
/// machine does not disturb, unlike a time. Many virtual machines expose no hardware
/// counters; then the counter is unavailable and says why, and the bench reports no number.
#include <cstdint>
#include <optional>
#include <string>

namespace attune {

class InstructionCounter {
 public:
  /// Opens the counter for the calling thread (disabled until start()).
  InstructionCounter();
  ~InstructionCounter();
  InstructionCounter(const InstructionCounter&) = delete;
  InstructionCounter& operator=(const InstructionCounter&) = delete;

  bool available() const { return fd_ >= 0; }
  /// Why it is unavailable (empty when available).
  const std::string& reason() const { return reason_; }

  /// Resets and enables the count.
  void start();
  /// The instructions since start(), or nullopt when unavailable.
  std::optional<std::uint64_t> stop();

 private:
  int fd_ = -1;
  std::string reason_;
};

}  // namespace attune

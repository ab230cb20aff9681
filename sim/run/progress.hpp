#pragma once
/// A progress line (done, rate, ETA) on a terminal; silent when stderr is piped.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace attune {

class Progress {
 public:
  /// Shows progress only if `enabled` (callers pass stderr_is_terminal()).
  Progress(std::uint64_t total, std::string unit, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Called once per finished item, from any thread.
  void advance(std::uint64_t n = 1) { done_.fetch_add(n, std::memory_order_relaxed); }
  /// Stops the display and clears the line.
  void finish();

 private:
  void draw(bool final_line);
  std::uint64_t total_;
  std::string unit_;
  bool enabled_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread painter_;
};

/// True when standard error is a terminal and CI is not set.
bool stderr_is_terminal();

}  // namespace attune

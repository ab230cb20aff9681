#include "sim/run/progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace attune {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1 && std::getenv("CI") == nullptr; }

Progress::Progress(std::uint64_t total, std::string unit, bool enabled)
    : total_(total), unit_(std::move(unit)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  painter_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) draw(false);
  });
}

Progress::~Progress() { finish(); }

void Progress::finish() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  painter_.join();
  draw(true);
}

void Progress::draw(bool final_line) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double eta = rate > 0 ? (total_ - done) / rate : 0.0;
  constexpr int kWidth = 30;
  const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r[%s] %llu/%llu %s  %.1f %s/s  ETA %.0f s   ", bar.c_str(),
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
               unit_.c_str(), rate, unit_.c_str(), eta);
  if (final_line) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

}  // namespace attune

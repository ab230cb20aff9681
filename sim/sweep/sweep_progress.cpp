#include "sim/sweep/sweep_progress.hpp"

#include <cstdio>

namespace attune {

SweepProgress::SweepProgress(std::uint64_t total, std::uint64_t already_done, bool live, bool cell_lines)
    : total_(total), done_(already_done), live_(live), cell_lines_(cell_lines), start_(std::chrono::steady_clock::now()) {
  if (live_)
    std::fprintf(stderr, "cells %llu/%llu", static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_));
}

void SweepProgress::cell_finished(std::uint64_t index, const std::string& label, const CellOutcome& outcome) {
  ++done_;
  ++done_here_;
  dyads_here_ += outcome.dyads;
  failed_ += outcome.failed;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? dyads_here_ / elapsed : 0.0;
  // Cells of one sweep cost about the same, so the mean time of those run so far predicts the rest.
  const double eta = (total_ - done_) * elapsed / done_here_;
  if (live_) {
    std::fprintf(stderr, "\rcells %llu/%llu (%llu failed)  %.1f dyads/s  ETA %.0f s   ",
                 static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
                 static_cast<unsigned long long>(failed_), rate, eta);
  } else if (!cell_lines_) {
    return;
  } else if (outcome.failed) {
    std::fprintf(stderr, "cell %llu FAILED (%llu/%llu done): %s: %s\n", static_cast<unsigned long long>(index),
                 static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_), label.c_str(),
                 outcome.error.c_str());
  } else {
    std::fprintf(stderr, "cell %llu done (%llu/%llu): %s  %.1f dyads/s  ETA %.0f s\n", static_cast<unsigned long long>(index),
                 static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_), label.c_str(), rate, eta);
  }
  std::fflush(stderr);
}

void SweepProgress::cell_progress(std::uint64_t done, std::uint64_t of) {
  if (!live_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? (dyads_here_ + done) / elapsed : 0.0;
  // Cells of one sweep have the same size: what is left is the rest of this cell and the
  // cells after it.
  const double left = static_cast<double>((total_ - done_) * of - done);
  std::fprintf(stderr, "\rcells %llu/%llu (%llu failed), this cell %llu/%llu dyads  %.1f dyads/s  ETA %.0f s   ",
               static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
               static_cast<unsigned long long>(failed_), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(of), rate, rate > 0 ? left / rate : 0.0);
  std::fflush(stderr);
}

void SweepProgress::finish() {
  if (live_ && done_here_ > 0) std::fprintf(stderr, "\n");
}

}  // namespace attune

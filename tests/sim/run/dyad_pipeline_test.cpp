// The pipeline that hands dyads on (sim/run/dyad_pipeline.cpp), with a stand-in for the
// simulation that only stamps each record with its dyad id, so the order, the groups,
// the blocks, cancellation and errors are checked in microseconds and for many schedules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "models/dyad_life.hpp"
#include "sim/run/dyad_pipeline.hpp"

using namespace attune;

namespace {

/// A record whose contents say which dyad it belongs to: dyad_id, and its id again in
/// days_ill, written last, so a record overwritten or read before it was filled shows.
void stamp(std::uint64_t dyad_id, DyadRecord& record) {
  record.dyad_id = dyad_id;
  record.days_ill = static_cast<int>(dyad_id);
}

/// Uneven work: every seventh group sleeps, so later groups finish before earlier ones and
/// the hand-over has to wait for them in order.
void uneven_pause(std::uint64_t first_id) {
  if (first_id % 7 == 3) std::this_thread::sleep_for(std::chrono::microseconds(300));
}

RunOptions options_for(std::uint64_t dyads, int threads, std::uint64_t first_block, std::uint64_t max_block) {
  RunOptions options;
  options.dyads = dyads;
  options.threads = threads;
  options.first_block = first_block;
  options.max_block = max_block;
  return options;
}

/// The block ends the schedule gives: first_block, doubling up to max_block.
std::vector<std::uint64_t> block_ends(std::uint64_t dyads, std::uint64_t first_block, std::uint64_t max_block) {
  std::vector<std::uint64_t> ends;
  for (std::uint64_t end = 0, size = first_block; end < dyads; size = std::min(2 * size, max_block))
    ends.push_back(end = std::min(dyads, end + size));
  return ends;
}

}  // namespace

TEST_CASE("sim/dyad_pipeline: records are handed on in dyad order, one at a time, in full groups within blocks") {
  // Odd block sizes put groups of fewer than kMaxLanes at every block's end.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> schedules{{1, 256}, {3, 7}, {5, 13}, {32, 64}, {256, 256}};
  for (const int threads : {1, 2, 3}) {
    for (const auto& [first_block, max_block] : schedules) {
      INFO("threads " << threads << ", first_block " << first_block << ", max_block " << max_block);
      const std::uint64_t dyads = 150;
      const auto ends = block_ends(dyads, first_block, max_block);
      std::mutex mutex;
      std::vector<std::pair<std::uint64_t, std::size_t>> groups;
      std::vector<std::uint64_t> handed, reported;
      std::atomic<int> consuming{0};
      int most_consuming = 0;
      auto options = options_for(dyads, threads, first_block, max_block);
      options.block_done = [&](std::uint64_t done) { reported.push_back(done); };
      const auto count = hand_on_dyads(
          options,
          [&](std::uint64_t first_id, std::span<DyadRecord> records) {
            uneven_pause(first_id);
            for (std::size_t i = 0; i < records.size(); ++i) stamp(first_id + i, records[i]);
            const std::lock_guard lock(mutex);
            groups.emplace_back(first_id, records.size());
          },
          [&](const DyadRecord& record) {
            most_consuming = std::max(most_consuming, ++consuming);
            CHECK(record.days_ill == static_cast<int>(record.dyad_id));
            handed.push_back(record.dyad_id);
            --consuming;
          });
      CHECK(count == dyads);
      REQUIRE(handed.size() == dyads);
      for (std::uint64_t i = 0; i < dyads; ++i) REQUIRE(handed[i] == i);
      CHECK(most_consuming == 1);
      CHECK(reported == ends);
      // Every dyad in exactly one group; a group short of kMaxLanes only where a block ends.
      std::sort(groups.begin(), groups.end());
      std::uint64_t next = 0;
      for (const auto& [first_id, size] : groups) {
        INFO("group at " << first_id << " of " << size);
        CHECK(first_id == next);
        CHECK(size >= 1);
        CHECK(size <= static_cast<std::size_t>(kMaxLanes));
        const bool block_end = std::find(ends.begin(), ends.end(), first_id + size) != ends.end();
        if (size < static_cast<std::size_t>(kMaxLanes)) CHECK(block_end);
        next = first_id + size;
      }
      CHECK(next == dyads);
    }
  }
}

TEST_CASE("sim/dyad_pipeline: a cancel stops the run at the end of the block being handed on") {
  for (const int threads : {1, 3}) {
    INFO("threads " << threads);
    std::atomic<bool> cancel{false};
    auto options = options_for(100, threads, 4, 256);
    options.cancel = &cancel;
    std::vector<std::uint64_t> reported, handed;
    options.block_done = [&](std::uint64_t done) { reported.push_back(done); };
    // Cancelled while dyad 5 of the block 4..11 is handed on: that block is still handed
    // on whole, and nothing after it, though later groups have been simulated. With
    // workers, the cancel waits (2 s at most) until the schedule has run into the next
    // block, so the hand-over, not the schedule, must be what stops the run.
    std::atomic<bool> next_block_simulated{false};
    const auto count = hand_on_dyads(
        options,
        [&](std::uint64_t first_id, std::span<DyadRecord> records) {
          for (std::size_t i = 0; i < records.size(); ++i) stamp(first_id + i, records[i]);
          if (first_id >= 12) next_block_simulated = true;
        },
        [&](const DyadRecord& record) {
          handed.push_back(record.dyad_id);
          if (record.dyad_id != 5) return;
          for (int waited_ms = 0; threads > 1 && !next_block_simulated && waited_ms < 2000; ++waited_ms)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          cancel = true;
        });
    CHECK(count == 12);
    CHECK(handed.size() == 12);
    CHECK(handed.back() == 11);
    CHECK(reported == std::vector<std::uint64_t>{4, 12});
  }
}

TEST_CASE("sim/dyad_pipeline: a run cancelled before it starts simulates nothing") {
  const std::atomic<bool> cancel{true};
  auto options = options_for(40, 2, 8, 256);
  options.cancel = &cancel;
  bool simulated = false, consumed = false, reported = false;
  options.block_done = [&](std::uint64_t) { reported = true; };
  CHECK(hand_on_dyads(
            options, [&](std::uint64_t, std::span<DyadRecord>) { simulated = true; },
            [&](const DyadRecord&) { consumed = true; }) == 0);
  CHECK_FALSE(simulated);
  CHECK_FALSE(consumed);
  CHECK_FALSE(reported);
}

namespace {
struct ConsumeFailed : std::runtime_error {
  ConsumeFailed() : std::runtime_error("consume failed") {}
};
struct SimulationFailed : std::runtime_error {
  SimulationFailed() : std::runtime_error("simulation failed") {}
};
}  // namespace

TEST_CASE("sim/dyad_pipeline: an exception from consume or from a simulation reaches the caller") {
  for (const int threads : {1, 3}) {
    INFO("threads " << threads);
    const auto options = options_for(200, threads, 8, 32);
    const auto fill = [](std::uint64_t first_id, std::span<DyadRecord> records) {
      uneven_pause(first_id);
      for (std::size_t i = 0; i < records.size(); ++i) stamp(first_id + i, records[i]);
    };
    std::vector<std::uint64_t> handed;
    CHECK_THROWS_AS(hand_on_dyads(options, fill,
                                  [&](const DyadRecord& record) {
                                    if (record.dyad_id == 37) throw ConsumeFailed();
                                    handed.push_back(record.dyad_id);
                                  }),
                    ConsumeFailed);
    CHECK(handed.size() == 37);  // dyads 0..36, and no call after the one that threw

    handed.clear();
    CHECK_THROWS_AS(hand_on_dyads(
                        options,
                        [&](std::uint64_t first_id, std::span<DyadRecord> records) {
                          if (first_id == 48) throw SimulationFailed();
                          fill(first_id, records);
                        },
                        [&](const DyadRecord& record) { handed.push_back(record.dyad_id); }),
                    SimulationFailed);
    // What was handed on before the failure is a prefix of the dyads, in order.
    CHECK(handed.size() <= 48);
    for (std::size_t i = 0; i < handed.size(); ++i) CHECK(handed[i] == i);
  }
}

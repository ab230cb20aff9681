#pragma once
/// Micro-analytic counts of one dyad's bouts (Tronick's measures), fixed-size.
#include <array>
#include <cstdint>

namespace attune {

/// Repair latencies in whole seconds (the step) up to the cap; the last bin holds the
/// cap and everything longer. A compile-time size: tests/models/parameter_table_test.cpp
/// ties the cap to the row instrument.repair_latency_cap of models/parameters.csv.
inline constexpr int kRepairLatencyCap = 240;
inline constexpr int kLatencyBins = kRepairLatencyCap + 1;

struct InteractionCounts {
  std::uint64_t seconds = 0;              ///< bout seconds observed
  std::uint64_t matched_seconds = 0;      ///< seconds in a matched (attuned) state
  std::uint64_t high_arousal_seconds = 0; ///< seconds at or above crying arousal
  std::uint64_t ruptures = 0;             ///< matched -> mismatched transitions, and bouts opening mismatched
  std::uint64_t repairs = 0;              ///< mismatched -> matched through a fitting, timely response
  double arousal_sum = 0.0;               ///< for mean arousal
  std::array<std::uint32_t, kLatencyBins> repair_latency{};  ///< histogram, 1-s bins

  void add(const InteractionCounts& other);
};

/// The per-dyad interaction metrics of issue 3, derived from the counts.
struct InteractionMetrics {
  double matched_share;         ///< share of bout time matched
  double ruptures_per_hour;     ///< per bout-hour
  double repaired_share;        ///< share of ruptures repaired before the bout ended
  double median_repair_latency; ///< seconds, among repaired ruptures (NaN if none)
  double high_arousal_share;    ///< share of bout time at crying arousal
  double mean_arousal;
};

InteractionMetrics interaction_metrics(const InteractionCounts& counts);

}  // namespace attune

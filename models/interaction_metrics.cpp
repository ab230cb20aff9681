#include "models/interaction_metrics.hpp"

#include <limits>

namespace attune {

void InteractionCounts::add(const InteractionCounts& other) {
  seconds += other.seconds;
  matched_seconds += other.matched_seconds;
  high_arousal_seconds += other.high_arousal_seconds;
  ruptures += other.ruptures;
  repairs += other.repairs;
  arousal_sum += other.arousal_sum;
  for (int i = 0; i < kLatencyBins; ++i) repair_latency[i] += other.repair_latency[i];
}

namespace {

/// Median of a 1-s histogram: latency l means the repair came l seconds after the rupture.
double histogram_median(const std::array<std::uint32_t, kLatencyBins>& bins, std::uint64_t n) {
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::uint64_t lower = (n - 1) / 2, upper = n / 2;  // 0-based ranks of the middle
  std::uint64_t seen = 0;
  double lower_value = 0.0;
  for (int latency = 0; latency < kLatencyBins; ++latency) {
    const std::uint64_t next = seen + bins[latency];
    if (lower >= seen && lower < next) lower_value = latency;
    if (upper >= seen && upper < next) return 0.5 * (lower_value + latency);
    seen = next;
  }
  return kLatencyBins - 1;
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::numeric_limits<double>::quiet_NaN()
                    : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

InteractionMetrics interaction_metrics(const InteractionCounts& c) {
  InteractionMetrics m{};
  m.matched_share = share(c.matched_seconds, c.seconds);
  m.ruptures_per_hour = c.seconds == 0 ? 0.0 : 3600.0 * static_cast<double>(c.ruptures) / c.seconds;
  m.repaired_share = share(c.repairs, c.ruptures);
  m.median_repair_latency = histogram_median(c.repair_latency, c.repairs);
  m.high_arousal_share = share(c.high_arousal_seconds, c.seconds);
  m.mean_arousal = c.seconds == 0 ? 0.0 : c.arousal_sum / static_cast<double>(c.seconds);
  return m;
}

}  // namespace attune

#pragma once
/// Requests per client address, as a token bucket: a client may send a burst, then a
/// steady rate. The table of addresses is bounded: buckets that have refilled are dropped.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace attune::serve {

class ClientRate {
 public:
  ClientRate(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  /// Takes one request from `client`'s bucket; false when it is empty.
  bool admit(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point refilled;
  };
  /// Drops full buckets (they equal a client never seen) once the table grows past this.
  static constexpr std::size_t kPruneAbove = 4096;

  double per_second_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace attune::serve

#include "sim/serve/client_rate.hpp"

#include <algorithm>
#include <iterator>

namespace attune::serve {

bool ClientRate::admit(const std::string& client) {
  const auto now = std::chrono::steady_clock::now();
  const auto refill = [&](Bucket& bucket) {
    const double seconds = std::chrono::duration<double>(now - bucket.refilled).count();
    bucket.tokens = std::min(burst_, bucket.tokens + seconds * per_second_);
    bucket.refilled = now;
  };
  std::lock_guard lock(mutex_);
  if (buckets_.size() > kPruneAbove)
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
  refill(it->second);
  if (it->second.tokens < 1) return false;
  it->second.tokens -= 1;
  return true;
}

}  // namespace attune::serve

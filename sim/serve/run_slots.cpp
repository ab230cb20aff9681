#include "sim/serve/run_slots.hpp"

namespace attune::serve {

std::shared_ptr<RunSlots::Slot> RunSlots::take() {
  int now = running_.load();
  do {
    if (now >= slots_) {
      ++refused;
      return nullptr;
    }
  } while (!running_.compare_exchange_weak(now, now + 1));
  return std::make_shared<Slot>(running_);
}

}  // namespace attune::serve

#pragma once
/// A fixed number of run slots: a run takes one or is refused at once (no queue, so a
/// client is never kept waiting behind other people's runs), and gives it back when the
/// returned handle goes (the end of its stream, whatever ends it). Counts what happened
/// for `GET /api/status`.
#include <atomic>
#include <cstdint>
#include <memory>

namespace attune::serve {

class RunSlots {
 public:
  /// A taken slot; destroying it gives the slot back.
  class Slot {
   public:
    explicit Slot(std::atomic<int>& running) : running_(running) {}
    ~Slot() { --running_; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    std::atomic<int>& running_;
  };

  explicit RunSlots(int slots) : slots_(slots) {}
  /// A slot, or null when all are taken.
  std::shared_ptr<Slot> take();
  int slots() const { return slots_; }
  int running() const { return running_.load(); }

  std::atomic<std::uint64_t> refused{0};      ///< runs answered 429
  std::atomic<std::uint64_t> client_gone{0};  ///< runs dropped or stopped because the client left
  std::atomic<std::uint64_t> dyads{0};        ///< dyads simulated by all runs

 private:
  const int slots_;
  std::atomic<int> running_{0};
};

}  // namespace attune::serve

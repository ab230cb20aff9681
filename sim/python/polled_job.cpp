#include "sim/python/polled_job.hpp"

#include <exception>
#include <future>
#include <thread>

namespace attune::python {

void run_polled(const std::function<void()>& job, const std::function<bool()>& keep_going,
                std::atomic<bool>& cancel, std::chrono::milliseconds interval) {
  std::packaged_task<void()> task(job);
  std::future<void> finished = task.get_future();
  std::thread worker(std::move(task));
  std::exception_ptr watcher_error;
  bool watching = true;
  while (finished.wait_for(interval) != std::future_status::ready) {
    if (!watching) continue;
    try {
      watching = keep_going();
    } catch (...) {
      watcher_error = std::current_exception();
      watching = false;
    }
    if (!watching) cancel.store(true, std::memory_order_relaxed);
  }
  worker.join();
  finished.get();  // the job's own exception first: it says why the job ended
  if (watcher_error) std::rethrow_exception(watcher_error);
}

}  // namespace attune::python

#pragma once
/// A long job (a run, a sweep) on a thread of its own while the calling thread keeps
/// watch: Python's signal handlers and progress bar run on the thread that called, so it
/// waits for the job in short slices and asks between them whether to go on.
#include <atomic>
#include <chrono>
#include <functional>

namespace attune::python {

/// Runs `job` on its own thread and calls `keep_going` on this thread every `interval`
/// until the job ends. When `keep_going` returns false (or throws), sets `cancel`, which
/// the job watches, and still waits for the job to end, so nothing it writes outlives
/// the call half done. Rethrows what the job threw (then what `keep_going` threw).
void run_polled(const std::function<void()>& job, const std::function<bool()>& keep_going,
                std::atomic<bool>& cancel, std::chrono::milliseconds interval);

}  // namespace attune::python

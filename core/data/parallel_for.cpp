#include "data/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace gs {

bool parallelFor(int64_t n, int threads, const std::function<void(int64_t)>& body,
                 const std::function<void(int64_t done)>& progress, const std::function<bool()>& should_stop) {
  std::atomic<int64_t> next{0}, done{0};
  // Checked once before any work, so a request that is already pending cancels even a very short load.
  std::atomic<bool> cancel{should_stop && should_stop()};
  std::mutex m;
  std::condition_variable cv;
  int running = cancel ? 0 : std::max(1, static_cast<int>(std::min<int64_t>(threads, n)));

  auto worker = [&] {
    for (int64_t i; !cancel.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      body(i);
      done.fetch_add(1);
    }
    std::lock_guard<std::mutex> lock(m);
    --running;
    cv.notify_all();
  };
  std::vector<std::thread> pool;
  for (int t = 0, k = running; t < k; ++t) pool.emplace_back(worker);

  // Report and poll for cancellation while the workers run.
  {
    std::unique_lock<std::mutex> lock(m);
    int64_t reported = -1;
    while (running > 0) {
      cv.wait_for(lock, std::chrono::milliseconds(30));
      lock.unlock();
      const int64_t d = done.load();
      if (progress && d != reported) progress(reported = d);
      if (should_stop && !cancel && should_stop()) cancel = true;
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  if (progress && !cancel) progress(done.load());
  return !cancel;
}

int decodeThreads() {
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 8u));
}

}  // namespace gs

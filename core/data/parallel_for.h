#pragma once
// A small parallel loop for decoding: worker threads take indices in order, while the calling thread reports
// progress and watches for cancellation, so callbacks only ever run on the caller's thread. Internal to core/data.
#include <cstdint>
#include <functional>

namespace gs {

// Runs body(i) for i in [0, n) on `threads` workers (body must not throw). Calls progress(done) on this thread
// every few milliseconds and at the end. Returns false (after the workers have stopped) when should_stop()
// turned true; the indices not yet started are then never run.
bool parallelFor(int64_t n, int threads, const std::function<void(int64_t)>& body,
                 const std::function<void(int64_t done)>& progress, const std::function<bool()>& should_stop);

// Threads for decoding: the machine's cores, at least 1, at most 8.
int decodeThreads();

}  // namespace gs

#pragma once
// The heartbeat of one rank through the rendezvous store, and the diagnosis of a failed collective: which rank
// died or froze (its heartbeat stopped), which one reported an error, or which fell behind. Private to
// dist_group.cpp; it owns its own store client so its thread never shares a socket with the training thread.
#include <torch/csrc/distributed/c10d/Store.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gs {

class RankWatch {
 public:
  // `store`: a client of the rendezvous store for this watch alone. Starts the heartbeat thread.
  RankWatch(c10::intrusive_ptr<c10d::Store> store, int rank, int world);
  ~RankWatch();
  RankWatch(const RankWatch&) = delete;
  RankWatch& operator=(const RankWatch&) = delete;

  void setStep(int64_t step) { step_.store(step); }
  void announceFailure(const std::string& message);
  // What went wrong with the whole run when this rank's `what` failed with `error`, naming the rank at fault.
  // Watches the heartbeats for a few seconds.
  std::string diagnose(const std::string& what, const std::string& error);
  // Waits until every rank has set `key/<rank>`; throws (via diagnose) when one of the missing ranks stops beating.
  void waitForAll(const std::string& key, const std::string& label);

  static constexpr int kBeatMs = 500;     // heartbeat period
  static constexpr int kSilentMs = 4000;  // a rank silent this long is dead or frozen

 private:
  struct Beat {
    bool readable = false;  // false: no heartbeat key yet, or the store is gone
    int64_t count = -1;
    int64_t step = -1;
  };
  void run();
  Beat readBeat(int rank);
  std::vector<int> silentRanks(const std::vector<int>& ranks);
  std::string failureOf(int rank);

  c10::intrusive_ptr<c10d::Store> store_;
  std::mutex store_mutex_;  // the store client is shared by the heartbeat thread and diagnose()
  int rank_, world_;
  std::atomic<int64_t> step_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gs

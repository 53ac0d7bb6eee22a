#include "distributed/rank_watch.h"

#include <chrono>
#include <sstream>

namespace gs {
namespace {

std::string beatKey(int rank) { return "gs/beat/" + std::to_string(rank); }
std::string failKey(int rank) { return "gs/failed/" + std::to_string(rank); }

std::vector<uint8_t> bytesOf(const std::string& s) { return {s.begin(), s.end()}; }
std::string textOf(const std::vector<uint8_t>& b) { return {b.begin(), b.end()}; }

std::string firstLineOf(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string listRanks(const std::vector<int>& ranks) {
  std::string out;
  for (size_t i = 0; i < ranks.size(); ++i)
    out += (i == 0 ? "" : (i + 1 == ranks.size() ? " and " : ", ")) + std::to_string(ranks[i]);
  return (ranks.size() == 1 ? "rank " : "ranks ") + out;
}

}  // namespace

RankWatch::RankWatch(c10::intrusive_ptr<c10d::Store> store, int rank, int world)
    : store_(std::move(store)), rank_(rank), world_(world) {
  thread_ = std::thread([this] { run(); });
}

RankWatch::~RankWatch() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RankWatch::run() {
  int64_t count = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    try {
      std::lock_guard<std::mutex> store_lock(store_mutex_);
      store_->set(beatKey(rank_), bytesOf(std::to_string(++count) + " " + std::to_string(step_.load())));
    } catch (const std::exception&) {
      // The store lives in rank 0: when it is gone, the next collective fails and diagnose() says so.
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::milliseconds(kBeatMs), [this] { return stop_; });
  }
}

RankWatch::Beat RankWatch::readBeat(int rank) {
  Beat b;
  try {
    std::lock_guard<std::mutex> lock(store_mutex_);
    if (!store_->check({beatKey(rank)})) return b;
    std::istringstream in(textOf(store_->get(beatKey(rank))));
    in >> b.count >> b.step;
    b.readable = static_cast<bool>(in);
  } catch (const std::exception&) {
  }
  return b;
}

std::string RankWatch::failureOf(int rank) {
  try {
    std::lock_guard<std::mutex> lock(store_mutex_);
    if (store_->check({failKey(rank)})) return textOf(store_->get(failKey(rank)));
  } catch (const std::exception&) {
  }
  return "";
}

void RankWatch::announceFailure(const std::string& message) {
  try {
    std::lock_guard<std::mutex> lock(store_mutex_);
    store_->set(failKey(rank_), bytesOf(message));
  } catch (const std::exception&) {
  }
}

std::vector<int> RankWatch::silentRanks(const std::vector<int>& ranks) {
  std::vector<Beat> before;
  for (int r : ranks) before.push_back(readBeat(r));
  std::this_thread::sleep_for(std::chrono::milliseconds(kSilentMs));
  std::vector<int> silent;
  for (size_t i = 0; i < ranks.size(); ++i) {
    const Beat now = readBeat(ranks[i]);
    if (!now.readable || now.count == before[i].count) silent.push_back(ranks[i]);
  }
  return silent;
}

std::string RankWatch::diagnose(const std::string& what, const std::string& error) {
  const std::string here = "rank " + std::to_string(rank_) + ": " + what + " failed";
  // Can the store (in rank 0) still be reached?
  try {
    std::lock_guard<std::mutex> lock(store_mutex_);
    store_->check({beatKey(rank_)});
  } catch (const std::exception&) {
    if (rank_ != 0)
      return here + ": rank 0 is gone (its rendezvous store stopped answering): it died or was killed; the last "
                    "checkpoint in the run folder is intact (resume with --resume)";
  }
  std::vector<int> others;
  for (int r = 0; r < world_; ++r)
    if (r != rank_) others.push_back(r);
  for (int r : others)
    if (const std::string f = failureOf(r); !f.empty()) return here + ": rank " + std::to_string(r) + " stopped: " + f;
  const std::vector<int> silent = silentRanks(others);
  if (!silent.empty())
    return here + ": " + listRanks(silent) + " stopped" +
           " responding (the process died, was killed or is frozen: no heartbeat for " +
           std::to_string(kSilentMs / 1000) + " s); the last checkpoint in the run folder is intact (resume with "
           "--resume)";
  // Everyone is alive: whoever is behind is stuck.
  int64_t newest = step_.load();
  std::vector<Beat> beats;
  for (int r : others) {
    beats.push_back(readBeat(r));
    newest = std::max(newest, beats.back().step);
  }
  std::vector<int> behind;
  for (size_t i = 0; i < others.size(); ++i)
    if (beats[i].readable && beats[i].step < newest) behind.push_back(others[i]);
  if (!behind.empty())
    return here + ": " + listRanks(behind) + " is stuck behind step " + std::to_string(newest) +
           " (alive but not reaching the collective within the timeout; --dist-timeout sets it)";
  return here + " (" + firstLineOf(error) + "); every rank is still alive";
}

void RankWatch::waitForAll(const std::string& key, const std::string& label) {
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    store_->set(key + "/" + std::to_string(rank_), bytesOf("1"));
  }
  // Poll: the store's wait would block for its whole timeout on a rank that never comes.
  std::vector<int64_t> last_count(static_cast<size_t>(world_), -1);
  std::vector<std::chrono::steady_clock::time_point> last_change(static_cast<size_t>(world_),
                                                                 std::chrono::steady_clock::now());
  while (true) {
    std::vector<int> missing;
    {
      std::lock_guard<std::mutex> lock(store_mutex_);
      for (int r = 0; r < world_; ++r)
        if (!store_->check({key + "/" + std::to_string(r)})) missing.push_back(r);
    }
    if (missing.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    for (int r : missing) {
      if (const std::string f = failureOf(r); !f.empty())
        throw std::runtime_error("rank " + std::to_string(r) + " stopped before " + label + ": " + f);
      const Beat b = readBeat(r);
      if (b.count != last_count[static_cast<size_t>(r)]) {
        last_count[static_cast<size_t>(r)] = b.count;
        last_change[static_cast<size_t>(r)] = now;
      } else if (now - last_change[static_cast<size_t>(r)] > std::chrono::milliseconds(kSilentMs)) {
        throw std::runtime_error("rank " + std::to_string(r) + " stopped responding before " + label +
                                 " (no heartbeat for " + std::to_string(kSilentMs / 1000) + " s)");
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace gs

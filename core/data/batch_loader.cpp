#include "data/batch_loader.h"

#include <random>

#include "data/image_dataset.h"
#include "util/error.h"
#include "util/seeded_stream.h"

namespace gs {
namespace {

// Independent streams for shuffling and flipping, each a pure function of its inputs.
uint64_t hashOf(uint64_t seed, uint64_t stream, uint64_t epoch, uint64_t slot = 0) {
  return splitmix64(splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ epoch) ^ slot);
}

constexpr uint64_t kShuffleStream = 0x5348554646ull;  // "SHUFF"
constexpr uint64_t kFlipStream = 0x464C4950ull;       // "FLIP"

}  // namespace

BatchLoader::BatchLoader(std::shared_ptr<const ImageDataset> data, int batch, uint64_t seed, bool hflip, int prefetch,
                         BatchShard shard)
    : data_(std::move(data)), batch_(batch), shard_(shard), seed_(seed), hflip_(hflip),
      prefetch_(prefetch > 0 ? prefetch : 0) {
  if (!data_ || data_->size() < 1) throw GanscopeError("batch loader: the dataset is empty");
  if (batch_ < 1) throw GanscopeError("batch loader: batch size must be at least 1, not " + std::to_string(batch));
  if (const std::string problem = shardProblem(batch_, shard_.world); !problem.empty())
    throw GanscopeError("batch loader: " + problem);
  for (int v = 0; v < 256; ++v) lut_[v] = static_cast<float>(v / 127.5 - 1.0);
  if (prefetch_ > 0) thread_ = std::thread([this] { run(); });
}

BatchLoader::~BatchLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

BatchLoader::Position BatchLoader::advance(Position p, int64_t steps) const {
  const int64_t n = data_->size();
  p.index += steps;
  p.epoch += p.index / n;
  p.index %= n;
  return p;
}

const std::vector<int64_t>& BatchLoader::permutation(int64_t epoch) {
  if (epoch == perm_epoch_) return perm_;
  // Our own Fisher-Yates: std::shuffle's algorithm differs between standard libraries, and resumed runs must
  // see the same order wherever they were started.
  const int64_t n = data_->size();
  perm_.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) perm_[i] = i;
  std::mt19937_64 rng(hashOf(seed_, kShuffleStream, static_cast<uint64_t>(epoch)));
  for (int64_t i = n - 1; i > 0; --i) std::swap(perm_[i], perm_[rng() % static_cast<uint64_t>(i + 1)]);
  perm_epoch_ = epoch;
  return perm_;
}

BatchLoader::Batch BatchLoader::assemble(Position start) {
  const int c = data_->channels(), r = data_->resolution();
  const int64_t plane = int64_t(r) * r;
  const int64_t rows = shard_.rows(batch_);
  at::Tensor out = at::empty({rows, c, r, r}, at::TensorOptions().dtype(at::kFloat));
  at::Tensor labels;
  if (data_->hasLabels()) labels = at::empty({rows}, at::TensorOptions().dtype(at::kLong));
  float* dst = out.data_ptr<float>();
  for (int64_t b = 0; b < rows; ++b) {
    const Position at = advance(start, shard_.globalRow(b));
    const int64_t index = permutation(at.epoch)[at.index];
    const uint8_t* src = data_->image(index);
    if (labels.defined()) labels.data_ptr<int64_t>()[b] = data_->labels()[static_cast<size_t>(index)];
    const bool flip = hflip_ && (hashOf(seed_, kFlipStream, at.epoch, at.index) & 1);
    float* img = dst + int64_t(b) * c * plane;
    // HWC uint8 -> CHW float, mirroring x when flipped.
    for (int y = 0; y < r; ++y) {
      const uint8_t* row = src + int64_t(y) * r * c;
      for (int x = 0; x < r; ++x) {
        const uint8_t* px = row + int64_t(flip ? r - 1 - x : x) * c;
        for (int k = 0; k < c; ++k) img[k * plane + y * r + x] = lut_[px[k]];
      }
    }
  }
  return {out, labels};
}

void BatchLoader::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    cv_.wait(lock, [this] { return stop_ || queue_.size() < prefetch_; });
    if (stop_) return;
    const uint64_t gen = generation_;
    const Position at = producer_;
    lock.unlock();
    Batch t;
    try {
      t = assemble(at);
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      cv_.notify_all();
      return;
    }
    lock.lock();
    if (gen != generation_) continue;  // seek() moved the stream meanwhile
    const Position after = advance(at, batch_);
    queue_.push_back({at, after, std::move(t)});
    producer_ = after;
    cv_.notify_all();
  }
}

at::Tensor BatchLoader::next() { return nextBatch().images; }

BatchLoader::Batch BatchLoader::nextBatch() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (prefetch_ == 0) {
    Batch t = assemble(consumer_);
    consumer_ = advance(consumer_, batch_);
    return t;
  }
  cv_.wait(lock, [this] { return !queue_.empty() || error_; });
  if (queue_.empty()) std::rethrow_exception(error_);
  Prepared p = std::move(queue_.front());
  queue_.pop_front();
  consumer_ = p.after;
  cv_.notify_all();
  return p.batch;
}

BatchLoader::Position BatchLoader::position() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return consumer_;
}

void BatchLoader::seek(Position p) {
  if (p.epoch < 0 || p.index < 0) {
    throw GanscopeError("batch loader: bad position (epoch " + std::to_string(p.epoch) + ", index " +
                        std::to_string(p.index) + ")");
  }
  p = advance(p, 0);  // an index past the end of an epoch belongs to a later one
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
    ++generation_;
    consumer_ = producer_ = p;
  }
  cv_.notify_all();
}

}  // namespace gs

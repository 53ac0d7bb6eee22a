#include "data/image_dataset.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <opencv2/core.hpp>

#include "data/class_labels.h"
#include "data/dataset_builder.h"
#include "data/idx_reader.h"
#include "data/image_decode.h"
#include "data/parallel_for.h"
#include "util/error.h"
#include "util/fnv64.h"

namespace gs {
namespace {

int idxSlotChannels(ChannelPolicy p) {
  switch (p) {
    case ChannelPolicy::Rgb: return 3;
    case ChannelPolicy::Rgba: return 4;
    default: return 1;  // IDX images are gray
  }
}

std::shared_ptr<ImageDataset> loadIdx(const DataConfig& config,
                                      const std::function<void(int64_t, int64_t)>& progress,
                                      const std::function<bool()>& should_stop) {
  const auto t0 = std::chrono::steady_clock::now();
  const IdxImages idx = readIdxImages(config.path, config.max_images);
  SlotFormat fmt;
  fmt.resolution = config.resolution;
  fmt.channels = idxSlotChannels(config.channels);
  fmt.aspect = config.aspect;
  fmt.background = config.background;
  const size_t slot = static_cast<size_t>(fmt.resolution) * fmt.resolution * fmt.channels;
  const size_t src_bytes = static_cast<size_t>(idx.rows) * idx.cols;
  std::vector<uint8_t> pixels(slot * idx.count);

  std::atomic<bool> failed{false};
  auto body = [&](int64_t i) {
    try {
      const cv::Mat m(idx.rows, idx.cols, CV_8UC1, const_cast<uint8_t*>(idx.pixels.data() + i * src_bytes));
      writeSlot(m, fmt, pixels.data() + i * slot);
    } catch (const std::exception&) {
      failed = true;
    }
  };
  auto tick = [&](int64_t done) {
    if (progress) progress(done, idx.count);
  };
  if (!parallelFor(idx.count, decodeThreads(), body, tick, should_stop)) throw GanscopeError("loading cancelled");
  if (failed) throw fileError(config.path, "could not convert the images to " + std::to_string(fmt.resolution) + " px");

  DatasetSummary s;
  s.source = config.path;
  s.files_found = 1;
  s.gray = idx.count;
  s.min_width = s.max_width = idx.cols;
  s.min_height = s.max_height = idx.rows;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return ImageDatasetBuilder::make(std::move(pixels), idx.count, fmt.channels, fmt.resolution, std::move(s));
}

}  // namespace

std::shared_ptr<ImageDataset> ImageDatasetBuilder::make(std::vector<uint8_t> pixels, int64_t n, int channels,
                                                        int resolution, DatasetSummary summary) {
  std::shared_ptr<ImageDataset> d(new ImageDataset());
  d->pixels_ = std::move(pixels);
  d->count_ = n;
  d->channels_ = channels;
  d->resolution_ = resolution;
  summary.images_used = n;
  summary.channels = channels;
  summary.resolution = resolution;
  d->summary_ = std::move(summary);
  Fnv64 h;
  h.add(resolution);
  h.add(channels);
  h.add(n);
  h.add(d->pixels_.data(), d->pixels_.size());
  d->fingerprint_ = h.hex();
  return d;
}

std::shared_ptr<ImageDataset> ImageDataset::load(const DataConfig& config,
                                                 const std::function<void(int64_t, int64_t)>& progress,
                                                 const std::function<bool()>& should_stop) {
  namespace fs = std::filesystem;
  if (config.path.empty()) throw GanscopeError("no dataset given: choose an image folder or an IDX file");
  if (config.resolution < 1 || config.resolution > 4096) {
    throw GanscopeError("bad resolution " + std::to_string(config.resolution) + " for the dataset");
  }
  std::error_code ec;
  const fs::file_status st = fs::status(config.path, ec);
  if (ec || !fs::exists(st)) throw fileError(config.path, "no such file or folder");
  std::string idx;
  if (fs::is_directory(st)) {
    idx = trainImagesIdxIn(config.path);
    if (idx.empty()) {
      if (!config.labels_file.empty())
        throw fileError(config.labels_file, "a label file goes with IDX images; " + config.path +
                                                " is an image folder (its subfolders name the classes)");
      std::vector<std::string> used;
      auto dataset = loadImageFolder(config, progress, should_stop, config.class_labels ? &used : nullptr);
      if (config.class_labels) {
        ClassLabels l = labelsFromSubfolders(config.path, used);
        dataset->attachLabels(std::move(l.labels), std::move(l.names));
      }
      return dataset;
    }
  } else if (fs::is_regular_file(st) && looksLikeIdx(config.path)) {
    idx = config.path;
  } else {
    throw fileError(config.path, "not a folder of images or an IDX file (MNIST format, raw or .gz)");
  }
  DataConfig from_file = config;
  from_file.path = idx;
  auto dataset = loadIdx(from_file, progress, should_stop);
  if (idx != config.path)
    dataset->summary_.note = "IDX folder: trained on " + fs::path(idx).filename().string() +
                             (config.class_labels ? " (test files left aside)" : " (test and label files left aside)");
  if (config.class_labels || !config.labels_file.empty()) {
    const std::string labels = config.labels_file.empty() ? idxLabelsBeside(idx) : config.labels_file;
    if (labels.empty())
      throw fileError(idx, "conditional training needs class labels: give the IDX label file (--labels FILE)");
    ClassLabels l = labelsFromIdx(labels, idx, dataset->size(), config.max_images <= 0);
    dataset->attachLabels(std::move(l.labels), std::move(l.names));
  }
  return dataset;
}

std::shared_ptr<ImageDataset> ImageDataset::pick(const std::vector<int64_t>& indices,
                                                 const std::string& source) const {
  std::vector<uint8_t> out;
  out.reserve(indices.size() * imageBytes());
  for (int64_t i : indices) {
    if (i < 0 || i >= count_) throw GanscopeError(source + ": image " + std::to_string(i) + " is out of range");
    out.insert(out.end(), image(i), image(i) + imageBytes());
  }
  return fromPixels(std::move(out), static_cast<int64_t>(indices.size()), channels_, resolution_, source);
}

std::shared_ptr<ImageDataset> ImageDataset::fromPixels(std::vector<uint8_t> hwc, int64_t n, int channels,
                                                       int resolution, std::string source) {
  if (channels != 1 && channels != 3 && channels != 4) {
    throw GanscopeError(source + ": images must have 1, 3 or 4 channels, not " + std::to_string(channels));
  }
  if (n < 1 || resolution < 1 || hwc.size() != static_cast<size_t>(n) * resolution * resolution * channels) {
    throw GanscopeError(source + ": " + std::to_string(hwc.size()) + " bytes do not hold " + std::to_string(n) +
                        " images of " + std::to_string(resolution) + " x " + std::to_string(resolution) + " x " +
                        std::to_string(channels));
  }
  DatasetSummary s;
  s.source = source;
  s.files_found = n;
  (channels == 1 ? s.gray : channels == 3 ? s.rgb : s.rgba) = n;
  s.min_width = s.max_width = s.min_height = s.max_height = resolution;
  return ImageDatasetBuilder::make(std::move(hwc), n, channels, resolution, std::move(s));
}

const uint8_t* ImageDataset::image(int64_t i) const {
  if (i < 0 || i >= count_) {
    throw std::out_of_range("image index " + std::to_string(i) + " outside dataset of " + std::to_string(count_));
  }
  return pixels_.data() + static_cast<size_t>(i) * imageBytes();
}

ImageU8 ImageDataset::imageU8(int64_t i) const {
  const uint8_t* p = image(i);
  ImageU8 out;
  out.width = out.height = resolution_;
  out.channels = channels_;
  out.pixels.assign(p, p + imageBytes());
  return out;
}

std::vector<ImageU8> ImageDataset::thumbnails(int count) const {
  std::vector<ImageU8> out;
  for (int64_t i = 0; i < std::min<int64_t>(count, count_); ++i) out.push_back(imageU8(i));
  return out;
}

std::string ImageDataset::fingerprint() const { return fingerprint_; }

std::vector<int64_t> ImageDataset::classCounts() const {
  std::vector<int64_t> counts(class_names_.size(), 0);
  for (int64_t l : labels_) ++counts[static_cast<size_t>(l)];
  return counts;
}

void ImageDataset::attachLabels(std::vector<int64_t> labels, std::vector<std::string> names) {
  if (static_cast<int64_t>(labels.size()) != count_)
    throw GanscopeError(summary_.source + ": labels count mismatch: " + std::to_string(labels.size()) +
                        " labels for " + std::to_string(count_) + " images");
  for (int64_t l : labels)
    if (l < 0 || l >= static_cast<int64_t>(names.size()))
      throw GanscopeError(summary_.source + ": label " + std::to_string(l) + " outside the " +
                          std::to_string(names.size()) + " classes");
  labels_ = std::move(labels);
  class_names_ = std::move(names);
  summary_.class_names = class_names_;
  summary_.class_counts = classCounts();
  // The unlabelled fingerprint, then the labels and names: a resumed run must see the same classes too.
  Fnv64 h;
  h.add(static_cast<const uint8_t*>(static_cast<const void*>(fingerprint_.data())), fingerprint_.size());
  h.add(static_cast<int64_t>(class_names_.size()));
  for (const std::string& name : class_names_) {
    h.add(static_cast<int64_t>(name.size()));
    h.add(static_cast<const uint8_t*>(static_cast<const void*>(name.data())), name.size());
  }
  h.add(static_cast<const uint8_t*>(static_cast<const void*>(labels_.data())), labels_.size() * sizeof(int64_t));
  fingerprint_ = h.hex();
}

std::shared_ptr<ImageDataset> ImageDataset::withLabels(const ImageDataset& images, std::vector<int64_t> labels,
                                                       std::vector<std::string> names) {
  if (images.hasLabels()) throw GanscopeError(images.summary_.source + ": already has class labels");
  std::shared_ptr<ImageDataset> d(new ImageDataset(images));
  d->attachLabels(std::move(labels), std::move(names));
  return d;
}

}  // namespace gs

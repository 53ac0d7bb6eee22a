#pragma once
// The training images, decoded once into one compact uint8 cache (n x R x R x C, RGB(A) order, never BGR).
// Loads a folder (recursive: PNG, JPEG, BMP, WebP, TIFF, recognised by content) or an IDX file (MNIST format,
// raw or gzip). Files that can't be used are skipped with a reason each; see DatasetSummary. No LibTorch here.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "util/image.h"

namespace gs {

struct SkippedFile {
  std::string path;
  std::string reason;  // "zero-byte file", "not an image (unknown header)", "PNG damaged (decoder failed)", ...
};

struct DatasetSummary {
  std::string source;            // folder or IDX path
  std::string note;              // how the source was read, when a person should know ("" for plain folders)
  int64_t files_found = 0;       // regular files seen by the recursive scan (hidden files/dirs skipped)
  int64_t images_used = 0;
  std::vector<SkippedFile> skipped;
  int64_t gray = 0, rgb = 0, rgba = 0, high_bit_depth = 0;  // channel mix of used images (rgba: any image with
                                                            // alpha, gray+alpha too); >8-bit count
  int min_width = 0, max_width = 0, min_height = 0, max_height = 0;
  int channels = 0;              // channels of the cache (1, 3 or 4)
  int resolution = 0;
  double seconds = 0;            // decode time
  std::vector<std::string> class_names;  // with class labels: the classes ...
  std::vector<int64_t> class_counts;     // ... and the images of each
};

class ImageDataset {
 public:
  // Folder (recursive) or IDX file (raw or .gz, MNIST/Fashion-MNIST idx3-ubyte). Throws GanscopeError for a
  // missing path, an empty folder, or a folder with nothing usable (message gives counts and the first reasons).
  // progress(done, total) is called from the loading thread; should_stop() true -> GanscopeError("loading cancelled").
  static std::shared_ptr<ImageDataset> load(const DataConfig& config,
                                            const std::function<void(int64_t done, int64_t total)>& progress = {},
                                            const std::function<bool()>& should_stop = {});
  // In-memory dataset (tests, benchmarks): n images HWC uint8 interleaved, RGB(A) order.
  static std::shared_ptr<ImageDataset> fromPixels(std::vector<uint8_t> hwc, int64_t n, int channels,
                                                  int resolution, std::string source = "memory");

  int64_t size() const { return count_; }
  int channels() const { return channels_; }
  int resolution() const { return resolution_; }
  size_t imageBytes() const { return static_cast<size_t>(resolution_) * resolution_ * channels_; }
  // resolution*resolution*channels bytes, RGB(A) order, never BGR.
  const uint8_t* image(int64_t i) const;
  ImageU8 imageU8(int64_t i) const;
  // A new dataset of the images at `indices`, in that order, without labels; `source` names it in messages.
  std::shared_ptr<ImageDataset> pick(const std::vector<int64_t>& indices, const std::string& source) const;
  // The first `count` images (for the UI strip).
  std::vector<ImageU8> thumbnails(int count) const;
  const DatasetSummary& summary() const { return summary_; }
  // 16 hex chars: 64-bit FNV-1a over resolution, channels, count and all cached bytes. Stored in checkpoints
  // to tell whether a resumed run sees the same data.
  // With labels, the fingerprint also covers them and the class names (an unlabelled dataset's is unchanged).
  std::string fingerprint() const;

  // Class labels (DataConfig::class_labels; data/class_labels.h): one per image, or none.
  bool hasLabels() const { return !labels_.empty(); }
  const std::vector<int64_t>& labels() const { return labels_; }
  const std::vector<std::string>& classNames() const { return class_names_; }
  int numClasses() const { return static_cast<int>(class_names_.size()); }
  // Images per class.
  std::vector<int64_t> classCounts() const;
  // A copy of `images` with these labels (tests, benchmarks). Throws GanscopeError when the count differs or a
  // label is outside 0..names.size()-1.
  static std::shared_ptr<ImageDataset> withLabels(const ImageDataset& images, std::vector<int64_t> labels,
                                                  std::vector<std::string> names);

 private:
  void attachLabels(std::vector<int64_t> labels, std::vector<std::string> names);

  ImageDataset() = default;
  friend struct ImageDatasetBuilder;

  std::vector<uint8_t> pixels_;
  std::string fingerprint_;  // computed once: checkpoints ask for it often
  int64_t count_ = 0;
  int channels_ = 0;
  int resolution_ = 0;
  DatasetSummary summary_;
  std::vector<int64_t> labels_;
  std::vector<std::string> class_names_;
};

}  // namespace gs

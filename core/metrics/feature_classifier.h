#pragma once
// A small convolutional classifier for labelled 32 px images (Fashion-MNIST) whose penultimate activations are a
// fixed feature space for the Frechet distance, KID and precision / recall; trained with LibTorch, cached on disk.
#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace gs {

class FeatureClassifier {
 public:
  static constexpr int kResolution = 32;     // images of other sizes are resized to this first
  static constexpr int kFeatures = 128;      // width of the feature space

  FeatureClassifier(int channels, int classes, uint64_t seed = 0);
  ~FeatureClassifier();
  FeatureClassifier(const FeatureClassifier&) = delete;
  FeatureClassifier& operator=(const FeatureClassifier&) = delete;

  // Adam, batch 128; images [N, C, H, W] in [-1, 1], labels [N] (integer). log gets one line per epoch.
  void train(const at::Tensor& images, const at::Tensor& labels, int epochs, uint64_t seed,
             const std::function<void(const std::string&)>& log = {});
  // Penultimate features [N, kFeatures] and class logits [N, classes]; eval mode, no gradients, in chunks.
  at::Tensor features(const at::Tensor& images);
  at::Tensor logits(const at::Tensor& images);
  double accuracy(const at::Tensor& images, const at::Tensor& labels);

  // Atomic save; load() returns false when the file is missing and throws GanscopeError when it does not fit.
  void save(const std::string& path) const;
  bool load(const std::string& path);

 private:
  struct Net;
  std::shared_ptr<Net> net_;
};

// Images [N, C, H, W] in [-1, 1] at the classifier's 32 px: bilinear (align_corners false) when enlarging,
// area averaging when shrinking.
at::Tensor toClassifierResolution(const at::Tensor& images);

}  // namespace gs

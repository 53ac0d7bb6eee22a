#pragma once
// Fashion-MNIST for quality benches: the IDX images as float tensors resized the way the reference DCGAN does
// ([-1, 1] floats, bilinear), and the feature classifier trained once on the training set and cached.
#include <ATen/ATen.h>

#include <functional>
#include <memory>
#include <string>

namespace gs {

class FeatureClassifier;

// [N, 1, R, R] in [-1, 1]: uint8 -> [-1, 1] -> bilinear resize (align_corners false), like ref_dcgan.py.
// max_images 0: all. Throws GanscopeError naming the file.
at::Tensor loadIdxTensor(const std::string& path, int resolution, int64_t max_images = 0);

// The classifier for the Fashion-MNIST folder `dir` (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-*): loaded from cache_file when it exists, else trained (3 epochs) and saved there. log gets progress
// lines and the test accuracy.
std::shared_ptr<FeatureClassifier> fashionClassifier(const std::string& dir, const std::string& cache_file,
                                                     const std::function<void(const std::string&)>& log = {});

}  // namespace gs

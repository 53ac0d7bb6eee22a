#pragma once
// Class labels of a dataset for class-conditional training: from the immediate subfolders of an image folder
// (one class per subfolder, sorted by name), or from an IDX1 label file (Fashion-MNIST's train-labels). No
// LibTorch here.
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct ClassLabels {
  std::vector<int64_t> labels;     // one per image, 0..names.size()-1
  std::vector<std::string> names;  // class names
};

// `files`: the images used, in dataset order, each under `root`. A class per immediate subfolder of `root`
// holding a used image, names sorted. Throws GanscopeError naming a file that is not inside a subfolder.
ClassLabels labelsFromSubfolders(const std::string& root, const std::vector<std::string>& files);

// The first `images` labels of the IDX1 file `labels_path` (for `images_path`, named in errors). Throws
// GanscopeError naming both files when the label file holds fewer labels than there are images (or, with every
// image used, a different number). Classes: 0..max label; named like Fashion-MNIST's when the file is
// Fashion-MNIST's (10 classes, "fashion" in its path), else "0", "1", ...
ClassLabels labelsFromIdx(const std::string& labels_path, const std::string& images_path, int64_t images,
                          bool all_images_used);

// The label file beside an IDX image file: "train-images-idx3-ubyte.gz" -> "train-labels-idx1-ubyte.gz" (also
// "t10k-", without .gz, and "-images." -> "-labels."). "" when no such file exists.
std::string idxLabelsBeside(const std::string& images_path);

// Fashion-MNIST's class names in label order ("T-shirt/top", "Trouser", ...).
const std::vector<std::string>& fashionMnistClassNames();

}  // namespace gs

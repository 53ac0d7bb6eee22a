#include "data/class_labels.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "data/idx_reader.h"
#include "util/error.h"

namespace gs {

ClassLabels labelsFromSubfolders(const std::string& root, const std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(root).lexically_normal();
  std::vector<std::string> folder_of(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const fs::path rel = fs::path(files[i]).lexically_normal().lexically_relative(base);
    auto it = rel.begin();
    if (rel.empty() || it == rel.end() || *it == ".." || std::next(it) == rel.end())
      throw fileError(files[i], "not inside a class subfolder of " + root +
                                    " (conditional training takes each image's class from its folder: " + root +
                                    "/CLASS/image.png)");
    folder_of[i] = it->string();
  }
  ClassLabels out;
  out.names = folder_of;
  std::sort(out.names.begin(), out.names.end());
  out.names.erase(std::unique(out.names.begin(), out.names.end()), out.names.end());
  if (out.names.size() < 2)
    throw fileError(root, "conditional training needs at least 2 class subfolders with images, found " +
                              std::to_string(out.names.size()));
  std::map<std::string, int64_t> index;
  for (size_t k = 0; k < out.names.size(); ++k) index[out.names[k]] = static_cast<int64_t>(k);
  out.labels.reserve(files.size());
  for (const std::string& f : folder_of) out.labels.push_back(index[f]);
  return out;
}

const std::vector<std::string>& fashionMnistClassNames() {
  static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

ClassLabels labelsFromIdx(const std::string& labels_path, const std::string& images_path, int64_t images,
                          bool all_images_used) {
  const std::vector<uint8_t> raw = readIdxLabels(labels_path);
  const int64_t n = static_cast<int64_t>(raw.size());
  if (n < images || (all_images_used && n != images))
    throw fileError(labels_path, "labels count mismatch: " + std::to_string(n) + " labels for the " +
                                     std::to_string(images) + " images of " + images_path);
  ClassLabels out;
  out.labels.assign(raw.begin(), raw.begin() + images);
  const int64_t classes = 1 + *std::max_element(raw.begin(), raw.end());
  if (classes < 2) throw fileError(labels_path, "every label is 0: conditional training needs at least 2 classes");
  std::string lower = labels_path;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (classes == 10 && lower.find("fashion") != std::string::npos) {
    out.names = fashionMnistClassNames();
  } else {
    for (int64_t k = 0; k < classes; ++k) out.names.push_back(std::to_string(k));
  }
  return out;
}

std::string idxLabelsBeside(const std::string& images_path) {
  namespace fs = std::filesystem;
  const fs::path p(images_path);
  std::string name = p.filename().string();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"-images-idx3-", "-labels-idx1-"},
                                 std::pair<std::string, std::string>{"-images.", "-labels."}}) {
    const auto at = name.find(from);
    if (at == std::string::npos) continue;
    const fs::path candidate = p.parent_path() / (name.substr(0, at) + to + name.substr(at + from.size()));
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return "";
}

}  // namespace gs

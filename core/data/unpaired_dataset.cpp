#include "data/unpaired_dataset.h"

#include <filesystem>

#include "util/error.h"
#include "util/fnv64.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

std::string domainName(const std::string& path) {
  fs::path p(path);
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

std::vector<int64_t> allBut(int64_t size, const std::vector<int64_t>& drop) {
  std::vector<bool> dropped(static_cast<size_t>(size), false);
  for (int64_t i : drop) dropped[static_cast<size_t>(i)] = true;
  std::vector<int64_t> keep;
  for (int64_t i = 0; i < size; ++i)
    if (!dropped[static_cast<size_t>(i)]) keep.push_back(i);
  return keep;
}

// Both domains in one channel count: a narrower one is read again as the wider one's.
std::shared_ptr<ImageDataset> loadAs(DataConfig config, const std::string& path, int channels,
                                     const std::function<void(int64_t, int64_t)>& progress,
                                     const std::function<bool()>& should_stop) {
  config.path = path;
  config.class_labels = false;
  config.labels_file.clear();
  if (channels > 0) config.channels = channels == 1 ? ChannelPolicy::Gray : channels == 3 ? ChannelPolicy::Rgb
                                                                                            : ChannelPolicy::Rgba;
  return ImageDataset::load(config, progress, should_stop);
}

UnpairedDataset twoFolders(const DataConfig& config, const std::function<void(int64_t, int64_t)>& progress,
                           const std::function<bool()>& should_stop) {
  std::shared_ptr<const ImageDataset> a = loadAs(config, config.path, 0, progress, should_stop);
  std::shared_ptr<const ImageDataset> b = loadAs(config, config.path_b, 0, progress, should_stop);
  if (a->channels() < b->channels())
    a = loadAs(config, config.path, b->channels(), progress, should_stop);
  else if (b->channels() < a->channels())
    b = loadAs(config, config.path_b, a->channels(), progress, should_stop);
  UnpairedDataset out;
  out.a = a;
  out.b = b;
  out.name_a = domainName(config.path);
  out.name_b = domainName(config.path_b);
  out.summary = a->summary();
  const DatasetSummary& sb = b->summary();
  out.summary.files_found += sb.files_found;
  out.summary.skipped.insert(out.summary.skipped.end(), sb.skipped.begin(), sb.skipped.end());
  out.summary.gray += sb.gray;
  out.summary.rgb += sb.rgb;
  out.summary.rgba += sb.rgba;
  out.summary.high_bit_depth += sb.high_bit_depth;
  out.summary.seconds += sb.seconds;
  return out;
}

UnpairedDataset classSplit(const DataConfig& config, const std::function<void(int64_t, int64_t)>& progress,
                           const std::function<bool()>& should_stop) {
  DataConfig labelled = config;
  labelled.class_labels = true;
  const std::shared_ptr<ImageDataset> all = ImageDataset::load(labelled, progress, should_stop);
  ModelConfig classes;
  classes.num_classes = all->numClasses();
  classes.class_names = all->classNames();
  int index[2];
  const std::string* asked[2] = {&config.class_a, &config.class_b};
  for (int side = 0; side < 2; ++side) {
    try {
      index[side] = classIndex(classes, *asked[side]);
    } catch (const GanscopeError& e) {
      throw fileError(config.path, std::string("domain ") + (side ? "B" : "A") + ": " + e.what());
    }
  }
  if (index[0] == index[1])
    throw fileError(config.path, "domains A and B are both class " + classes.class_names[index[0]] +
                                     ": give two different classes (--class-a, --class-b)");
  std::vector<int64_t> picked[2];
  for (int64_t i = 0; i < all->size(); ++i)
    for (int side = 0; side < 2; ++side)
      if (all->labels()[static_cast<size_t>(i)] == index[side]) picked[side].push_back(i);
  UnpairedDataset out;
  out.name_a = classes.class_names[index[0]];
  out.name_b = classes.class_names[index[1]];
  for (int side = 0; side < 2; ++side)
    if (picked[side].empty())
      throw fileError(config.path, "class " + (side ? out.name_b : out.name_a) + " has no images" +
                                       (config.max_images > 0 ? " among the first " +
                                                                    std::to_string(config.max_images)
                                                              : std::string()));
  out.a = all->pick(picked[0], config.path + " (" + out.name_a + ")");
  out.b = all->pick(picked[1], config.path + " (" + out.name_b + ")");
  out.summary = all->summary();
  out.summary.class_names.clear();
  out.summary.class_counts.clear();
  return out;
}

}  // namespace

std::string UnpairedDataset::fingerprint() const {
  Fnv64 h;
  h.add(std::string("unpaired"));
  h.add(a ? a->fingerprint() : std::string());
  h.add(b ? b->fingerprint() : std::string());
  return h.hex();
}

UnpairedDataset UnpairedDataset::without(const std::vector<int64_t>& held_a,
                                         const std::vector<int64_t>& held_b) const {
  UnpairedDataset out = *this;
  out.a = a->pick(allBut(a->size(), held_a), a->summary().source);
  out.b = b->pick(allBut(b->size(), held_b), b->summary().source);
  out.summary.images_used = out.a->size() + out.b->size();
  return out;
}

UnpairedDataset loadUnpairedDataset(const DataConfig& config,
                                    const std::function<void(int64_t, int64_t)>& progress,
                                    const std::function<bool()>& should_stop) {
  if (config.path_b.empty() && (config.class_a.empty() || config.class_b.empty()))
    throw GanscopeError("CycleGAN needs two domains: a second folder (--data-b) or two classes of a labelled "
                        "dataset (--class-a, --class-b)");
  UnpairedDataset out = config.path_b.empty() ? classSplit(config, progress, should_stop)
                                              : twoFolders(config, progress, should_stop);
  out.summary.images_used = out.a->size() + out.b->size();
  out.summary.channels = out.a->channels();
  const std::string note = "unpaired domains: A = " + out.name_a + " (" + std::to_string(out.a->size()) +
                           " images), B = " + out.name_b + " (" + std::to_string(out.b->size()) + " images)";
  out.summary.note = out.summary.note.empty() ? note : out.summary.note + "; " + note;
  return out;
}

}  // namespace gs

#include "data/paired_dataset.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "data/dataset_builder.h"
#include "data/edge_map.h"
#include "data/folder_scan.h"
#include "data/image_decode.h"
#include "data/parallel_for.h"
#include "util/error.h"
#include "util/fnv64.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

// One pair to decode: a file of both halves, a file per side, or one image (edges).
struct PairJob {
  std::string name;    // relative to the data folder, for messages
  std::string file_a;  // side-by-side and edges: the one file
  std::string file_b;  // folders only
};

struct PairOutcome {
  bool used = false;
  std::string reason;
  int width = 0, height = 0;
  bool color = false, alpha = false, high_bit_depth = false;
};

std::string relativeName(const std::string& path, const std::string& root) {
  std::error_code ec;
  const fs::path rel = fs::relative(path, root, ec);
  return ec || rel.empty() ? path : rel.string();
}

std::string sizeText(const cv::Mat& m) { return std::to_string(m.cols) + "x" + std::to_string(m.rows); }

// File name without its extension, with its subfolder: "shoes/12.jpg" pairs with "shoes/12.png".
std::string stemKey(const std::string& relative) {
  fs::path p(relative);
  return (p.parent_path() / p.stem()).string();
}

std::vector<PairJob> folderJobs(const std::string& root, std::vector<SkippedFile>& skipped) {
  const std::string dir_a = (fs::path(root) / "A").string(), dir_b = (fs::path(root) / "B").string();
  for (const std::string& d : {dir_a, dir_b})
    if (!fs::is_directory(d)) throw fileError(d, "missing: --pairs folders needs A/ and B/ subfolders");
  std::map<std::string, std::string> in_b;
  for (const std::string& f : listFilesRecursive(dir_b)) in_b.emplace(stemKey(relativeName(f, dir_b)), f);
  std::vector<PairJob> jobs;
  for (const std::string& f : listFilesRecursive(dir_a)) {
    const std::string rel = relativeName(f, dir_a);
    auto it = in_b.find(stemKey(rel));
    if (it == in_b.end()) {
      skipped.push_back({f, "no partner in B/ (no file named " + stemKey(rel) + ".* there)"});
      continue;
    }
    jobs.push_back({rel, f, it->second});
    in_b.erase(it);
  }
  for (const auto& [key, f] : in_b) skipped.push_back({f, "no partner in A/ (no file named " + key + ".* there)"});
  return jobs;
}

std::string firstReasons(const std::vector<SkippedFile>& skipped, size_t k) {
  std::string s;
  for (size_t i = 0; i < std::min(k, skipped.size()); ++i)
    s += (i ? "; " : "") + skipped[i].path + ": " + skipped[i].reason;
  return s + (skipped.size() > k ? "; ..." : "");
}

}  // namespace

int pairChannels(const DataConfig& c, bool input_side) {
  if (input_side && c.pairs == PairSource::Edges && !c.reverse_pairs) return 1;
  if (!input_side && c.pairs == PairSource::Edges && c.reverse_pairs) return 1;
  return slotChannels(c);
}

PairSource resolvePairSource(const DataConfig& c) {
  if (c.pairs != PairSource::Auto) return c.pairs;
  const fs::path root(c.path);
  return fs::is_directory(root / "A") && fs::is_directory(root / "B") ? PairSource::Folders : PairSource::SideBySide;
}

std::string PairedDataset::fingerprint() const {
  Fnv64 h;
  h.add(a ? a->fingerprint() : std::string());
  h.add(b ? b->fingerprint() : std::string());
  return h.hex();
}

PairedDataset PairedDataset::subset(const std::vector<int64_t>& indices) const {
  PairedDataset out;
  out.source = source;
  out.summary = summary;
  const int64_t n = static_cast<int64_t>(indices.size());
  out.a = a->pick(indices, summary.source + " (A)");
  out.b = b->pick(indices, summary.source + " (B)");
  for (int64_t i : indices) out.names.push_back(names[static_cast<size_t>(i)]);
  out.summary.images_used = n;
  return out;
}

PairedDataset PairedDataset::without(const std::vector<int64_t>& indices) const {
  std::vector<bool> drop(static_cast<size_t>(size()), false);
  for (int64_t i : indices) drop[static_cast<size_t>(i)] = true;
  std::vector<int64_t> keep;
  for (int64_t i = 0; i < size(); ++i)
    if (!drop[static_cast<size_t>(i)]) keep.push_back(i);
  return subset(keep);
}

std::vector<int64_t> heldOutIndices(int64_t size, int count) {
  std::vector<int64_t> out;
  if (count < 1 || size < 4 * int64_t(count)) return out;
  for (int i = 0; i < count; ++i) out.push_back((2 * i + 1) * size / (2 * int64_t(count)));
  return out;
}

PairedDataset loadPairedDataset(const DataConfig& config, const std::function<void(int64_t, int64_t)>& progress,
                                const std::function<bool()>& should_stop) {
  const auto t0 = std::chrono::steady_clock::now();
  if (config.path.empty()) throw GanscopeError("no dataset given: choose a folder of image pairs");
  if (!fs::is_directory(config.path))
    throw fileError(config.path, "not a folder (an image-to-image model trains on a folder of pairs)");
  const PairSource source = resolvePairSource(config);

  DatasetSummary summary;
  summary.source = config.path;
  std::vector<PairJob> jobs;
  if (source == PairSource::Folders) {
    jobs = folderJobs(config.path, summary.skipped);
  } else {
    for (const std::string& f : listFilesRecursive(config.path)) jobs.push_back({relativeName(f, config.path), f, ""});
  }
  summary.files_found = static_cast<int64_t>(jobs.size() * (source == PairSource::Folders ? 2 : 1) +
                                             summary.skipped.size());
  if (jobs.empty() && summary.skipped.empty())
    throw fileError(config.path, "empty folder: no files found (hidden files are ignored)");
  if (config.max_images > 0 && static_cast<int64_t>(jobs.size()) > config.max_images) jobs.resize(config.max_images);

  // A is the input, B the target; with reverse_pairs the roles of the two halves / folders / edge and image swap.
  const int ca = pairChannels(config, true), cb = pairChannels(config, false);
  SlotFormat fa{config.resolution, ca, config.aspect, config.background};
  SlotFormat fb{config.resolution, cb, config.aspect, config.background};
  const size_t slot_a = static_cast<size_t>(config.resolution) * config.resolution * ca;
  const size_t slot_b = static_cast<size_t>(config.resolution) * config.resolution * cb;
  const int64_t n = static_cast<int64_t>(jobs.size());
  std::vector<uint8_t> pix_a(slot_a * n), pix_b(slot_b * n);
  std::vector<PairOutcome> outcomes(static_cast<size_t>(n));
  EdgeMapOptions edges;
  edges.resolution = config.resolution;
  edges.aspect = config.aspect;
  edges.background = config.background;

  auto body = [&](int64_t i) {
    const PairJob& job = jobs[static_cast<size_t>(i)];
    PairOutcome& o = outcomes[static_cast<size_t>(i)];
    uint8_t* out_a = pix_a.data() + i * slot_a;
    uint8_t* out_b = pix_b.data() + i * slot_b;
    // The first (input) and second (target) images in file order, before any reversal.
    uint8_t* first = config.reverse_pairs ? out_b : out_a;
    uint8_t* second = config.reverse_pairs ? out_a : out_b;
    const SlotFormat& ffirst = config.reverse_pairs ? fb : fa;
    const SlotFormat& fsecond = config.reverse_pairs ? fa : fb;
    try {
      DecodedImage d = decodeImageFile(job.file_a, config.max_pixels);
      if (d.image.empty()) {
        o.reason = d.skip_reason;
        return;
      }
      cv::Mat img = d.image;
      if (source == PairSource::SideBySide) {
        if (img.cols % 2 != 0) {
          o.reason = "width " + std::to_string(img.cols) + " is odd: a side-by-side A|B image needs two halves of "
                     "equal width";
          return;
        }
        const int half = img.cols / 2;
        writeSlot(img(cv::Rect(0, 0, half, img.rows)), ffirst, first);
        writeSlot(img(cv::Rect(half, 0, half, img.rows)), fsecond, second);
      } else if (source == PairSource::Folders) {
        DecodedImage e = decodeImageFile(job.file_b, config.max_pixels);
        if (e.image.empty()) {
          o.reason = "its partner " + job.file_b + " can't be used (" + e.skip_reason + ")";
          return;
        }
        if (e.image.size() != img.size()) {
          o.reason = "is " + sizeText(img) + " but its partner " + job.file_b + " is " + sizeText(e.image) +
                     " (the pairs must be aligned images of one size)";
          return;
        }
        writeSlot(img, ffirst, first);
        writeSlot(e.image, fsecond, second);
      } else {  // edges: the edge map is the first image, the picture the second
        writeEdgeMap(img, edges, first);
        writeSlot(img, fsecond, second);
      }
      o = PairOutcome{true, "", img.cols, img.rows, d.color, d.alpha, d.high_bit_depth};
    } catch (const std::exception& e) {
      o.reason = std::string("could not convert (") + e.what() + ")";
    }
  };
  auto tick = [&](int64_t done) {
    if (progress) progress(done, n);
  };
  if (!parallelFor(n, decodeThreads(), body, tick, should_stop)) throw GanscopeError("loading cancelled");

  // Keep the usable pairs in file order.
  int64_t used = 0;
  std::vector<std::string> names;
  for (int64_t i = 0; i < n; ++i) {
    const PairOutcome& o = outcomes[static_cast<size_t>(i)];
    if (!o.used) {
      summary.skipped.push_back({jobs[static_cast<size_t>(i)].file_a, o.reason});
      continue;
    }
    if (used != i) {
      std::copy_n(pix_a.data() + i * slot_a, slot_a, pix_a.data() + used * slot_a);
      std::copy_n(pix_b.data() + i * slot_b, slot_b, pix_b.data() + used * slot_b);
    }
    names.push_back(jobs[static_cast<size_t>(i)].name);
    (o.alpha ? summary.rgba : o.color ? summary.rgb : summary.gray) += 1;
    summary.high_bit_depth += o.high_bit_depth;
    const bool first = used == 0;
    summary.min_width = first ? o.width : std::min(summary.min_width, o.width);
    summary.max_width = std::max(summary.max_width, o.width);
    summary.min_height = first ? o.height : std::min(summary.min_height, o.height);
    summary.max_height = std::max(summary.max_height, o.height);
    ++used;
  }
  if (used == 0)
    throw fileError(config.path, "no usable image pairs: " + std::to_string(summary.files_found) + " files found, " +
                                     std::to_string(summary.skipped.size()) + " skipped (" +
                                     firstReasons(summary.skipped, 3) + ")");
  pix_a.resize(slot_a * used);
  pix_b.resize(slot_b * used);

  PairedDataset out;
  out.source = source;
  out.a = ImageDataset::fromPixels(std::move(pix_a), used, ca, config.resolution, config.path + " (A)");
  out.b = ImageDataset::fromPixels(std::move(pix_b), used, cb, config.resolution, config.path + " (B)");
  out.names = std::move(names);
  summary.images_used = used;
  summary.channels = cb;
  summary.resolution = config.resolution;
  summary.note = "pairs: " + toString(source) + (config.reverse_pairs ? " (B -> A)" : " (A -> B)") +
                 (source == PairSource::Edges ? ", A = Canny edges (blur 3x3, R, G, B each, thresholds 50/150)" : "");
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.summary = std::move(summary);
  return out;
}

}  // namespace gs

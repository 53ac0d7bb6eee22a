// Loading a folder of images: scan, decode in parallel into one cache, decide the channel count, summarise.
#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>
#include <exception>

#include "data/dataset_builder.h"
#include "data/folder_scan.h"
#include "data/image_decode.h"
#include "data/parallel_for.h"
#include "util/error.h"

namespace gs {
namespace {

struct FileOutcome {
  bool attempted = false;
  bool used = false;
  std::string reason;
  int width = 0, height = 0;
  bool color = false, alpha = false, high_bit_depth = false;
};


// Auto: RGBA when alpha is kept and any image has it, else gray when every image comes out gray, else RGB.
int finalChannels(const DataConfig& c, int slot_channels, const std::vector<FileOutcome>& outcomes) {
  if (c.channels != ChannelPolicy::Auto) return slot_channels;
  const bool gray_bg = c.background[0] == c.background[1] && c.background[1] == c.background[2];
  bool any_alpha = false, all_gray = true;
  for (const FileOutcome& o : outcomes) {
    if (!o.used) continue;
    any_alpha = any_alpha || o.alpha;
    // Gray+alpha composited onto a coloured background is no longer gray.
    all_gray = all_gray && !o.color && (!o.alpha || gray_bg);
  }
  if (c.alpha == AlphaPolicy::Keep && any_alpha) return 4;
  return all_gray ? 1 : 3;
}

// Narrows every image in place from `from` to `to` channels (to < from): gray takes R (R == G == B for gray
// images), RGB drops alpha (255 everywhere when no image had alpha).
void narrowChannels(std::vector<uint8_t>& pixels, int from, int to) {
  const size_t n = pixels.size() / from;
  for (size_t i = 0; i < n; ++i) {
    for (int c = 0; c < to; ++c) pixels[i * to + c] = pixels[i * from + c];
  }
  pixels.resize(n * to);
  pixels.shrink_to_fit();
}

std::string firstReasons(const std::vector<SkippedFile>& skipped, size_t k) {
  std::string s;
  for (size_t i = 0; i < std::min(k, skipped.size()); ++i) {
    s += (i ? "; " : "") + skipped[i].path + ": " + skipped[i].reason;
  }
  return s;
}

}  // namespace

// Channels of each slot while decoding. Auto may still narrow it afterwards (see finalChannels).
int slotChannels(const DataConfig& c) {
  switch (c.channels) {
    case ChannelPolicy::Gray: return 1;
    case ChannelPolicy::Rgb: return 3;
    case ChannelPolicy::Rgba: return 4;
    case ChannelPolicy::Auto: break;
  }
  return c.alpha == AlphaPolicy::Keep ? 4 : 3;
}

std::shared_ptr<ImageDataset> loadImageFolder(const DataConfig& config,
                                              const std::function<void(int64_t, int64_t)>& progress,
                                              const std::function<bool()>& should_stop,
                                              std::vector<std::string>* used_files) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<std::string> files = listFilesRecursive(config.path);
  if (files.empty()) throw fileError(config.path, "empty folder: no files found (hidden files are ignored)");

  SlotFormat fmt;
  fmt.resolution = config.resolution;
  fmt.channels = slotChannels(config);
  fmt.aspect = config.aspect;
  fmt.background = config.background;
  const size_t slot = static_cast<size_t>(fmt.resolution) * fmt.resolution * fmt.channels;
  const int64_t nfiles = static_cast<int64_t>(files.size());
  const int64_t cap = config.max_images > 0 ? config.max_images : INT64_MAX;
  const int64_t total = std::min(cap, nfiles);

  // Decode in rounds: with max_images set, a round tries just enough files to fill the cap, and the next round
  // replaces the ones that were skipped. Without a cap there is one round over every file.
  std::vector<FileOutcome> outcomes(files.size());
  std::vector<uint8_t> pixels;
  int64_t used = 0, next_file = 0;
  while (used < cap && next_file < nfiles) {
    const int64_t first = next_file, count = std::min(cap - used, nfiles - next_file);
    pixels.resize(static_cast<size_t>(used + count) * slot);
    uint8_t* base = pixels.data() + static_cast<size_t>(used) * slot;
    auto body = [&](int64_t j) {
      FileOutcome& o = outcomes[first + j];
      o.attempted = true;
      DecodedImage d = decodeImageFile(files[first + j], config.max_pixels);
      if (d.image.empty()) {
        o.reason = d.skip_reason;
        return;
      }
      try {
        writeSlot(d.image, fmt, base + j * slot);
      } catch (const std::exception& e) {
        o.reason = std::string("could not convert (") + e.what() + ")";
        return;
      }
      o = FileOutcome{true, true, "", d.image.cols, d.image.rows, d.color, d.alpha, d.high_bit_depth};
    };
    auto tick = [&](int64_t done) {
      if (progress) progress(std::min(total, first + done), total);
    };
    if (!parallelFor(count, decodeThreads(), body, tick, should_stop)) throw GanscopeError("loading cancelled");

    // Close the gaps the skipped files left, keeping file order.
    for (int64_t j = 0; j < count; ++j) {
      if (!outcomes[first + j].used) continue;
      if (base + j * slot != pixels.data() + used * slot) std::memmove(pixels.data() + used * slot, base + j * slot, slot);
      ++used;
    }
    next_file += count;
  }
  pixels.resize(static_cast<size_t>(used) * slot);

  DatasetSummary s;
  s.source = config.path;
  s.files_found = nfiles;
  for (size_t i = 0; i < files.size(); ++i) {
    const FileOutcome& o = outcomes[i];
    if (!o.attempted) continue;
    if (!o.used) {
      s.skipped.push_back({files[i], o.reason});
      continue;
    }
    if (used_files) used_files->push_back(files[i]);
    (o.alpha ? s.rgba : o.color ? s.rgb : s.gray) += 1;
    s.high_bit_depth += o.high_bit_depth;
    const bool first = s.gray + s.rgb + s.rgba == 1;
    s.min_width = first ? o.width : std::min(s.min_width, o.width);
    s.max_width = std::max(s.max_width, o.width);
    s.min_height = first ? o.height : std::min(s.min_height, o.height);
    s.max_height = std::max(s.max_height, o.height);
  }
  if (used == 0) {
    throw fileError(config.path, "no usable images: " + std::to_string(nfiles) + " files found, " +
                                     std::to_string(s.skipped.size()) + " skipped (" + firstReasons(s.skipped, 3) +
                                     (s.skipped.size() > 3 ? "; ..." : "") + ")");
  }
  const int channels = finalChannels(config, fmt.channels, outcomes);
  if (channels != fmt.channels) narrowChannels(pixels, fmt.channels, channels);
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return ImageDatasetBuilder::make(std::move(pixels), used, channels, fmt.resolution, std::move(s));
}

}  // namespace gs

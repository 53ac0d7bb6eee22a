// `ganscope-cli data`: load a dataset as training would and report what was used and skipped.
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "commands.h"
#include "data/image_dataset.h"
#include "data/paired_dataset.h"
#include "options.h"

namespace gs::cli {

void printDatasetSummary(std::FILE* out, const DatasetSummary& s) {
  std::fprintf(out, "dataset %s: %lld images used of %lld files, %zu skipped (%.1f s)\n", s.source.c_str(),
               static_cast<long long>(s.images_used), static_cast<long long>(s.files_found), s.skipped.size(),
               s.seconds);
  std::fprintf(out, "  %d px, %d channel%s; sources: %lld gray, %lld RGB, %lld RGBA", s.resolution, s.channels,
               s.channels == 1 ? "" : "s", static_cast<long long>(s.gray), static_cast<long long>(s.rgb),
               static_cast<long long>(s.rgba));
  if (s.high_bit_depth > 0) std::fprintf(out, ", %lld 16-bit", static_cast<long long>(s.high_bit_depth));
  if (s.images_used > 0)
    std::fprintf(out, "; sizes %dx%d to %dx%d", s.min_width, s.min_height, s.max_width, s.max_height);
  std::fputc('\n', out);
  if (!s.note.empty()) std::fprintf(out, "  %s\n", s.note.c_str());
  if (!s.class_names.empty()) {
    std::fprintf(out, "  %zu classes:", s.class_names.size());
    for (size_t k = 0; k < s.class_names.size(); ++k)
      std::fprintf(out, "%s %zu %s (%lld)", k ? "," : "", k, s.class_names[k].c_str(),
                   static_cast<long long>(s.class_counts[k]));
    std::fputc('\n', out);
  }
  const size_t shown = std::min<size_t>(s.skipped.size(), 10);
  for (size_t i = 0; i < shown; ++i)
    std::fprintf(out, "  skipped %s: %s\n", s.skipped[i].path.c_str(), s.skipped[i].reason.c_str());
  if (s.skipped.size() > shown) std::fprintf(out, "  ... and %zu more skipped\n", s.skipped.size() - shown);
  std::fflush(out);
}

int runData(const std::vector<std::string>& args) {
  const DataOptions o = parseDataOptions(args);
  if (o.help) {
    std::fputs(dataUsage(), stdout);
    return 0;
  }
  const bool tty = ::isatty(STDERR_FILENO);
  auto progress = [tty](int64_t done, int64_t total) {
    if (tty) std::fprintf(stderr, "\rloading %lld/%lld\033[K", static_cast<long long>(done),
                          static_cast<long long>(total));
  };
  if (o.paired) {  // the (A, B) pairs a pix2pix run would train on
    const PairedDataset pairs = loadPairedDataset(o.data, progress);
    if (tty) std::fputs("\r\033[K", stderr);
    printDatasetSummary(stdout, pairs.summary);
    std::printf("input %d channel(s), output %d channel(s); fingerprint %s\n", pairs.a->channels(),
                pairs.b->channels(), pairs.fingerprint().c_str());
    return 0;
  }
  const auto data = ImageDataset::load(o.data, progress);
  if (tty) std::fputs("\r\033[K", stderr);
  printDatasetSummary(stdout, data->summary());
  std::printf("fingerprint %s\n", data->fingerprint().c_str());
  return 0;
}

}  // namespace gs::cli

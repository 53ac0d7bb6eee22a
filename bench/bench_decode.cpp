// Dataset decode and batch assembly throughput.
//   bench_decode [DIR] [--res 64] [--batch 64]
// Without DIR it generates 500 RGBA PNGs of 96 x 80 in a temporary folder. Prints one figure per line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "data/batch_loader.h"
#include "data/image_dataset.h"
#include "util/error.h"

namespace {

// Blobs on a transparent canvas, with a little noise so the PNGs compress like real sprites, not like flat fills.
std::string generateFolder(int count) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "bench-decode-XXXXXX").string();
  const std::string dir = mkdtemp(tmpl.data());
  cv::RNG rng(1);
  for (int i = 0; i < count; ++i) {
    cv::Mat m(80, 96, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    for (int k = 0; k < 4; ++k) {
      cv::circle(m, {rng.uniform(10, 86), rng.uniform(10, 70)}, rng.uniform(5, 30),
                 cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256), 255), cv::FILLED,
                 cv::LINE_AA);
    }
    cv::Mat noise(m.size(), CV_8UC4);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 8);
    m += noise;
    char name[32];
    std::snprintf(name, sizeof name, "/img%04d.png", i);
    cv::imwrite(dir + name, m);
  }
  return dir;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  int res = 64, batch = 64;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--res" && i + 1 < argc) {
      res = std::atoi(argv[++i]);
    } else if (a == "--batch" && i + 1 < argc) {
      batch = std::atoi(argv[++i]);
    } else if (!a.empty() && a[0] != '-') {
      dir = a;
    } else {
      std::cerr << "usage: bench_decode [DIR] [--res 64] [--batch 64]\n";
      return 2;
    }
  }
  const bool generated = dir.empty();
  if (generated) dir = generateFolder(500);

  try {
    gs::DataConfig config;
    config.path = dir;
    config.resolution = res;
    auto data = gs::ImageDataset::load(config);
    const gs::DatasetSummary& s = data->summary();
    std::printf("source: %s (%lld files, %zu skipped, %d channels, %d px)\n", s.source.c_str(),
                static_cast<long long>(s.files_found), s.skipped.size(), data->channels(), data->resolution());
    std::printf("decode: %lld images in %.3f s = %.0f images/s\n", static_cast<long long>(data->size()), s.seconds,
                data->size() / s.seconds);

    // Drain the prefetching loader as a training loop would, with no work in between: its ceiling.
    gs::BatchLoader loader(data, batch, 1, true);
    loader.next();  // warm-up: thread start, first permutation
    const int batches = 200;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < batches; ++i) loader.next();
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("batches: %.0f images/s (%d batches of %d in %.3f s)\n", batches * batch / sec, batches, batch, sec);
  } catch (const gs::GanscopeError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  if (generated) std::filesystem::remove_all(dir);
  return 0;
}

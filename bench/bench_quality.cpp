// Learning quality on Fashion-MNIST, ours against the plain PyTorch DCGAN (../shared/bench/ref_dcgan.py) at the
// same budget, scored by the same measures (FID, KID, precision/recall in a small classifier's features, class
// balance, SWD) against the 10k test images. Prints our scores every K steps, then both side by side and the
// ratio, and the training wall time each needed to reach the reference's final FID.
//   bench_quality --steps 1500 --every 250 --res 32           # defaults; reference trained in the same run
//   bench_quality --steps 500 --flip --ema-sweep --no-ref     # a cheaper sweep; EMA variants from one run
// Trainer flags: --flip --ema-kimg X --ema-rampup X --ema-norm M --lr-g --lr-d --beta1 --beta2 --r1 --model M
// --precision auto|fp32|bf16 --g-fakes reuse|fresh
// --resize cubic|bilinear (how 28 px becomes R: our loader's uint8 resize or the reference's float bilinear).
#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_quality_ema.h"
#include "config.h"
#include "data/image_dataset.h"
#include "metrics/fashion_mnist.h"
#include "metrics/quality_scorer.h"
#include "training/trainer.h"
#include "util/error.h"
#include "util/process_env.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::string ref_script = "../shared/bench/ref_dcgan.py";
  std::string cache = "bench_quality_cache";
  int64_t steps = 1500;
  int every = 250;
  int n = 5000;
  bool ref = true;
  bool ema_sweep = false;
  std::string resize = "cubic";
  gs::TrainConfig config;
};

Options parse(int argc, char** argv) {
  Options o;
  o.config.data.resolution = o.config.model.resolution = 32;
  o.config.threads = 2;
  o.config.optim = gs::defaultOptim(o.config.model.kind, o.config.model.resolution);  // what `train` starts from
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw gs::GanscopeError(a + " needs a value");
      return argv[++i];
    };
    auto number = [&]() { return std::atof(value().c_str()); };
    gs::TrainConfig& c = o.config;
    if (a == "--data") o.data = value();
    else if (a == "--ref-script") o.ref_script = value();
    else if (a == "--cache") o.cache = value();
    else if (a == "--steps") o.steps = std::atoll(value().c_str());
    else if (a == "--every") o.every = std::max(1, std::atoi(value().c_str()));
    else if (a == "--n") o.n = std::max(100, std::atoi(value().c_str()));
    else if (a == "--no-ref") o.ref = false;
    else if (a == "--ema-sweep") o.ema_sweep = true;
    else if (a == "--resize") o.resize = value();
    else if (a == "--res") c.data.resolution = c.model.resolution = std::atoi(value().c_str());
    else if (a == "--batch") c.batch = std::atoi(value().c_str());
    else if (a == "--seed") c.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--threads") c.threads = std::atoi(value().c_str());
    else if (a == "--flip") c.data.hflip = true;
    else if (a == "--no-flip") c.data.hflip = false;
    else if (a == "--ema-kimg") c.optim.ema_kimg = number();
    else if (a == "--ema-rampup") c.optim.ema_rampup = number();
    else if (a == "--ema-norm") c.optim.ema_norm = gs::parseEmaNorm(value());
    else if (a == "--lr-g") c.optim.lr_g = number();
    else if (a == "--lr-d") c.optim.lr_d = number();
    else if (a == "--beta1") c.optim.beta1 = number();
    else if (a == "--beta2") c.optim.beta2 = number();
    else if (a == "--r1") c.optim.r1_gamma = number();
    else if (a == "--precision") c.precision = gs::parsePrecision(value());
    else if (a == "--g-fakes") c.optim.reuse_fakes = value() == "reuse";
    else if (a == "--model") {
      c.model.kind = gs::parseModel(value());
      c.optim = gs::defaultOptim(c.model.kind, c.model.resolution);
    } else throw gs::GanscopeError("unknown flag " + a);
  }
  o.config.total_steps = o.steps;
  return o;
}

void logLine(const std::string& line) { std::printf("%s\n", line.c_str()), std::fflush(stdout); }

void printScores(const char* who, const std::string& variant, int64_t step, double seconds,
                 const gs::QualityScores& q) {
  std::printf("%-4s %-22s step %5lld  train_s %7.1f  FID %7.2f  KID %6.2f  P %.3f  R %.3f  classKL %.3f  SWD %6.2f\n",
              who, variant.c_str(), static_cast<long long>(step), seconds, q.fid, q.kid, q.precision, q.recall,
              q.class_kl, q.swd);
  std::fflush(stdout);
}

// The 28 px images resized the reference's way, rounded to 8 bits for the dataset cache.
std::shared_ptr<gs::ImageDataset> bilinearDataset(const std::string& path, int res) {
  const at::Tensor x = gs::loadIdxTensor(path, res).add(1).mul(127.5).round().clamp(0, 255).to(at::kByte);
  std::vector<uint8_t> pixels(x.data_ptr<uint8_t>(), x.data_ptr<uint8_t>() + x.numel());
  return gs::ImageDataset::fromPixels(std::move(pixels), x.size(0), 1, res, path + " (bilinear)");
}

at::Tensor readPngs(const std::string& dir, int n) {
  std::vector<at::Tensor> images;
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/%05d.png", i);
    const cv::Mat m = cv::imread(dir + name, cv::IMREAD_GRAYSCALE);
    if (m.empty()) throw gs::fileError(dir + name, "missing or unreadable reference sample");
    images.push_back(at::from_blob(m.data, {1, m.rows, m.cols}, at::kByte).to(at::kFloat).div(127.5).sub(1));
  }
  return at::stack(images);
}

struct RefResult {
  gs::QualityScores scores;
  double seconds = 0;
};

// Trains the reference (or reuses its samples from an earlier run with the same settings) and scores them.
RefResult runReference(const Options& o, gs::QualityScorer& scorer) {
  const gs::TrainConfig& c = o.config;
  const std::string dir = o.cache + "/ref_s" + std::to_string(c.data.resolution) + "_n" + std::to_string(o.steps) +
                          "_b" + std::to_string(c.batch) + "_seed" + std::to_string(c.seed);
  RefResult r;
  const std::string time_file = dir + "/seconds.txt";
  if (!fs::exists(time_file) || !fs::exists(dir + "/04999.png")) {
    const std::string cmd = "OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 " + o.ref_script +
                            " --size " + std::to_string(c.data.resolution) + " --steps " + std::to_string(o.steps) +
                            " --warmup 0 --batch " + std::to_string(c.batch) + " --seed " + std::to_string(c.seed) +
                            " --threads " + std::to_string(std::max(1, c.threads)) + " --data " + o.data +
                            " --n-samples " + std::to_string(o.n) + " --samples " + dir;
    logLine("reference: " + cmd);
    const auto t0 = Clock::now();
    if (std::system(cmd.c_str()) != 0) throw gs::GanscopeError("reference run failed: " + cmd);
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    std::FILE* f = std::fopen(time_file.c_str(), "w");
    if (f) std::fprintf(f, "%.3f\n", r.seconds), std::fclose(f);
  } else {
    std::FILE* f = std::fopen(time_file.c_str(), "r");
    if (f && std::fscanf(f, "%lf", &r.seconds) != 1) r.seconds = 0;
    if (f) std::fclose(f);
    logLine("reference samples reused from " + dir + " (delete it to retrain)");
  }
  r.scores = scorer.score(readPngs(dir, o.n));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  try {
    Options o = parse(argc, argv);
    gs::TrainConfig& c = o.config;
    const int res = c.data.resolution;
    std::printf("bench_quality: %lld steps x %d at %d px, seed %llu, flip %s, resize %s, ema %.1f kimg rampup %.2f "
                "norm %s, lr %.1e/%.1e betas %.2f/%.3f, r1 %.2f, %s, precision %s, G's fakes %s\n",
                static_cast<long long>(o.steps), c.batch, res, static_cast<unsigned long long>(c.seed),
                c.data.hflip ? "on" : "off", o.resize.c_str(), c.optim.ema_kimg, c.optim.ema_rampup,
                gs::toString(c.optim.ema_norm).c_str(), c.optim.lr_g, c.optim.lr_d, c.optim.beta1, c.optim.beta2,
                c.optim.r1_gamma, gs::toString(c.model.kind).c_str(), gs::toString(c.precision).c_str(),
                c.optim.reuse_fakes ? "reused" : "fresh");
    auto classifier = gs::fashionClassifier(o.data, o.cache + "/fmnist_classifier_v1.pt", logLine);
    gs::QualityScorer scorer(gs::loadIdxTensor(o.data + "/t10k-images-idx3-ubyte.gz", res), classifier);

    RefResult ref;
    if (o.ref) {
      ref = runReference(o, scorer);
      printScores("ref", "plain DCGAN", o.steps, ref.seconds, ref.scores);
    }

    c.data.path = o.data + "/train-images-idx3-ubyte.gz";
    auto data = o.resize == "bilinear" ? bilinearDataset(c.data.path, res) : gs::ImageDataset::load(c.data);
    gs::Trainer trainer(c, data);
    gs::bench::EmaVariants variants(trainer, o.ema_sweep);
    at::Generator zgen = at::detail::createCPUGenerator(c.seed + 1);
    const at::Tensor z = at::randn({o.n, c.model.latent_dim}, zgen, at::TensorOptions(at::kFloat));

    double train_s = 0, reach_s = -1;
    gs::QualityScores last;
    for (int64_t step = 1; step <= o.steps; ++step) {
      const auto t0 = Clock::now();
      const gs::StepStats st = trainer.step();
      variants.update(st.images_seen);
      train_s += std::chrono::duration<double>(Clock::now() - t0).count();
      if (step % o.every != 0 && step != o.steps) continue;
      for (const std::string& name : variants.names()) {
        if (name != "trainer" && step % 500 != 0 && step != o.steps) continue;  // the sweep every 500 steps
        const gs::QualityScores q = scorer.score(gs::quantised(variants.sample(name, z)), name == "trainer");
        printScores("ours", name, step, train_s, q);
        if (name == "trainer") {
          last = q;
          if (o.ref && reach_s < 0 && q.fid <= ref.scores.fid) reach_s = train_s;
        }
      }
      if (step % 250 == 0 || step == o.steps) variants.writeGrid(o.cache + "/grid_step" + std::to_string(step) + ".png");
    }

    std::printf("\nresult  ours FID %.2f (KID %.2f, P %.3f, R %.3f, SWD %.2f) in %.0f s", last.fid, last.kid,
                last.precision, last.recall, last.swd, train_s);
    if (o.ref) {
      std::printf("  |  ref FID %.2f (KID %.2f, P %.3f, R %.3f, SWD %.2f) in %.0f s  |  ratio ours/ref %.3f\n",
                  ref.scores.fid, ref.scores.kid, ref.scores.precision, ref.scores.recall, ref.scores.swd,
                  ref.seconds, last.fid / ref.scores.fid);
      if (reach_s >= 0)
        std::printf("wall time to reach the reference's final FID: ours %.0f s (checked every %d steps), ref %.0f s "
                    "(%.2fx)\n", reach_s, o.every, ref.seconds, reach_s / ref.seconds);
      else
        std::printf("ours did not reach the reference's final FID at the checked steps\n");
    } else {
      std::printf("\n");
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_quality: %s\n", e.what());
    return 1;
  }
}

// Projection (explore/projector.h) on real pictures: for each image, the mean pixel error (8-bit levels) of the
// starting latent and of the latent found, and the seconds it took, then the means. Run by hand, e.g. on the
// bundled demo generator and the Twitter emoji it was trained on (README "Projection").
// Usage: bench_projection GENERATOR IMAGE... [--steps N] [--space z|w|w+] [--lr X] [--starts K] [--features W]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "explore/generator_session.h"
#include "explore/projector.h"
#include "util/device.h"
#include "util/error.h"
#include "util/process_env.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_projection GENERATOR IMAGE... [--steps N] [--space z|w|w+] [--lr X] [--starts K] [--features W]\n");
    return 2;
  }
  gs::ProjectionOptions o;
  std::vector<std::string> images;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--steps" && has_value) o.steps = std::atoi(argv[++i]);
    else if (a == "--space" && has_value) o.space = gs::latentSpaceFromName(argv[++i]);
    else if (a == "--lr" && has_value) o.lr = std::atof(argv[++i]);
    else if (a == "--starts" && has_value) o.starts = std::atoi(argv[++i]);
    else if (a == "--features" && has_value) o.feature_weight = std::atof(argv[++i]);
    else images.push_back(a);
  }
  try {
    auto session = gs::GeneratorSession::open(argv[1]);
    gs::Projector projector(session);
    double start = 0, end = 0, seconds = 0;
    for (const std::string& path : images) {
      const gs::ProjectionResult r = projector.run(projector.loadTarget(path), o);
      std::printf("%s: pixel error %.2f -> %.2f levels, loss %.4f, %d steps in %.2f s\n", path.c_str(),
                  r.start_pixel_error, r.pixel_error, r.loss, r.steps_done, r.seconds);
      start += r.start_pixel_error;
      end += r.pixel_error;
      seconds += r.seconds;
    }
    const double n = double(images.size());
    std::printf("mean over %zu images (%s, %d steps): pixel error %.2f -> %.2f levels, %.2f s each\n", images.size(),
                gs::latentSpaceName(o.space.value_or(session->isStyleBased() ? gs::LatentSpace::W : gs::LatentSpace::Z)),
                o.steps, start / n, end / n, seconds / n);
  } catch (const gs::GanscopeError& e) {
    std::fprintf(stderr, "bench_projection: %s\n", e.what());
    return 1;
  }
  return 0;
}

// How long the compare view takes to read a long run and to build its curves: writes a run folder with N
// metrics lines (default 100000) and N/50 health and quality lines, then prints one figure per line: the time
// to open it (ComparedRun, done in a worker thread by the view), to build the six metric curves (raw and
// smoothed, decimated) over images seen, and to poll with nothing new. Run by hand: bench_compare_load [N].
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <fstream>
#include <string>

#include "config.h"
#include "metrics/quality_record.h"
#include "training/run_folder.h"
#include "ui/training/compared_run.h"

using namespace gs;

int main(int argc, char** argv) {
  const int64_t rows = argc > 1 ? std::stoll(argv[1]) : 100000;
  QTemporaryDir dir;
  const std::string root = dir.path().toStdString();
  {
    const TrainConfig config;
    std::ofstream(root + "/config.json") << toJson(config);
    std::ofstream metrics(root + "/metrics.jsonl"), health(root + "/health.jsonl"), quality(root + "/quality.jsonl");
    for (int64_t i = 1; i <= rows; ++i) {
      StepStats s;
      s.step = i;
      s.images_seen = i * 64;
      s.g_loss = 1.0 + 0.001 * double(i % 97);
      s.d_loss = 0.7;
      s.g_grad_norm = 2;
      s.d_grad_norm = 3;
      metrics << metricsLine(s, 1.7e9 + double(i)) << '\n';
      if (i % 50 == 0) {
        HealthRecord h;
        h.step = i;
        h.feature_ratio = 0.9;
        health << healthLine(h) << '\n';
        QualityRecord q;
        q.step = i;
        q.swd = 10;
        quality << qualityLine(q) << '\n';
      }
    }
  }
  QElapsedTimer timer;
  timer.start();
  ComparedRun run(dir.path());
  const double open_ms = double(timer.nsecsElapsed()) / 1e6;
  timer.restart();
  size_t points = 0;
  for (Metric m : {Metric::GLoss, Metric::DLoss, Metric::DReal, Metric::DFake, Metric::GGradNorm, Metric::DGradNorm}) {
    points += size_t(run.onAxis(run.metrics().raw(m, 1500), CompareAxis::ImagesSeen).size());
    points += size_t(run.onAxis(run.metrics().smoothed(m, 0.6, 1500), CompareAxis::ImagesSeen).size());
  }
  const double curves_ms = double(timer.nsecsElapsed()) / 1e6;
  timer.restart();
  run.poll();
  const double poll_ms = double(timer.nsecsElapsed()) / 1e6;
  std::printf("rows %lld\nopen_ms %.1f\ncurves_ms %.1f (%zu points)\nidle_poll_ms %.3f\nproblem '%s'\n",
              static_cast<long long>(rows), open_ms, curves_ms, points, poll_ms, qPrintable(run.problem()));
  return 0;
}

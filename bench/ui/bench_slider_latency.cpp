// Slider-to-frame latency of the latent explorer: from a slider value change to the rendered frame being set
// on the view, for a 64 px DCGAN (widths 64) on the CPU, over a few hundred simulated drags at ~60 Hz mouse
// rate, starting right after the generator loads (the 8x8 samples grid still renders on the same thread, as at
// start-up in the app); and launch-to-first-interactive-frame (window construction + generator load + first render).
// "On screen" runs on until the canvas has drawn the frame (painted, or submitted to the GPU by the Vulkan canvas).
// Usage: QT_QPA_PLATFORM=offscreen bench_slider_latency [drags=300] [interval_ms=16] [checkpoint] [renderer]
// (renderer auto|vulkan|painter; Vulkan needs a display: xvfb-run -a with QT_QPA_PLATFORM=xcb)
#include <QApplication>
#include <QElapsedTimer>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "ui/widgets/app_style.h"
#include "bench_stats.h"
#include "explore/generator_session.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/window/main_window.h"
#include "models/networks.h"
#include "util/process_env.h"
#include "ui/widgets/render_backend.h"

namespace {

using gs::bench::percentile;

std::shared_ptr<gs::GeneratorSession> benchGenerator(const QString& checkpoint) {
  if (!checkpoint.isEmpty()) return gs::GeneratorSession::open(checkpoint.toStdString());
  gs::ModelConfig config;
  config.resolution = 64;
  config.g_width = config.d_width = 64;
  config.channels = 3;
  return gs::GeneratorSession::snapshot(*gs::makeGenerator(config), config, "bench DCGAN 64px");
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  QElapsedTimer launch;
  launch.start();
  QApplication app(argc, argv);
  QApplication::setOrganizationName("GANscopeBench");
  gs::applyAppStyle(app);
  const int drags = argc > 1 ? std::atoi(argv[1]) : 300;
  const int interval_ms = argc > 2 ? std::atoi(argv[2]) : 16;
  const QString checkpoint = argc > 3 ? QString(argv[3]) : QString();
  if (argc > 4) gs::setRendererChoice(gs::parseRendererChoice(argv[4]).value_or(gs::RendererChoice::Auto));

  gs::MainWindow window(nullptr, false);
  window.resize(1500, 940);
  window.show();
  window.setGenerator(benchGenerator(checkpoint));
  gs::ImageCanvas* canvas = window.explorerCanvas();
  while (canvas->framesShown() == 0) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
  const double first_frame_ms = launch.nsecsElapsed() / 1e6;

  // Each slider change records its time; each frame shown closes every change it covers (coalesced ones too:
  // their latency is until the first frame that includes them).
  std::vector<double> latencies, on_screen;
  std::vector<qint64> open_changes;
  std::map<quint64, std::vector<qint64>> undrawn;  // frame -> the changes it covers, until it is drawn
  QElapsedTimer clock;
  clock.start();
  QObject::connect(canvas, &gs::ImageCanvas::frameShown, [&] {
    const qint64 now = clock.nsecsElapsed();
    for (qint64 t : open_changes) latencies.push_back((now - t) / 1e6);
    auto& covered = undrawn[canvas->framesShown()];
    covered.insert(covered.end(), open_changes.begin(), open_changes.end());
    open_changes.clear();
  });
  QObject::connect(canvas, &gs::ImageCanvas::framePresented, [&](quint64 frame) {
    const qint64 now = clock.nsecsElapsed();
    while (!undrawn.empty() && undrawn.begin()->first <= frame) {
      for (qint64 t : undrawn.begin()->second) on_screen.push_back((now - t) / 1e6);
      undrawn.erase(undrawn.begin());
    }
  });
  QSlider* slider = window.latentPanel()->dimensionSlider(0);
  int moves = 0;
  QTimer drag;
  drag.setInterval(interval_ms);
  QObject::connect(&drag, &QTimer::timeout, [&] {
    // A back-and-forth drag across the slider's range.
    const int span = slider->maximum() - slider->minimum();
    const int phase = (moves * 7) % (2 * span);
    open_changes.push_back(clock.nsecsElapsed());
    slider->setValue(slider->minimum() + (phase < span ? phase : 2 * span - phase));
    if (++moves >= drags) drag.stop();
  });
  drag.start();
  while (moves < drags || !open_changes.empty() || !undrawn.empty())
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);

  // Render cost alone, for reference (after the samples grid, which shares the generator, has finished).
  while (window.samplesCanvas()->framesShown() == 0) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
  auto session = window.generator();
  std::vector<double> render_ms;
  for (int i = 0; i < 50; ++i) {
    QElapsedTimer t;
    t.start();
    session->render(session->latentForSeed(uint64_t(i)), 1.0f);
    render_ms.push_back(t.nsecsElapsed() / 1e6);
  }
  std::printf("renderer: %s\n", qPrintable(gs::rendererDescription()));
  std::printf("generator: %s, %d px, latent %d\n", session->label().c_str(), session->config().resolution,
              session->latentDim());
  std::printf("launch to first interactive frame: %.0f ms\n", first_frame_ms);
  std::printf("slider changes: %d at %d ms intervals, frames shown: %llu\n", drags, interval_ms,
              static_cast<unsigned long long>(canvas->framesShown()));
  std::printf("slider-to-frame latency: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", percentile(latencies, 0.5),
              percentile(latencies, 0.95), percentile(latencies, 1.0));
  std::printf("slider-to-frame on screen: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", percentile(on_screen, 0.5),
              percentile(on_screen, 0.95), percentile(on_screen, 1.0));
  std::printf("render alone: p50 %.1f ms, p95 %.1f ms\n", percentile(render_ms, 0.5), percentile(render_ms, 0.95));
  return 0;
}

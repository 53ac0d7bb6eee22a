// Frame cost of the image canvas: a new image handed to the canvas until it is drawn and read back, minus the
// read-back alone, for a 64 px image, a 256 px image and a 16 x 16 grid of 64 px images (1058 px square), on the
// Vulkan canvas (texture upload from the staging buffer + one full-screen draw) and on the QPainter one.
// Usage: xvfb-run -a -s "-screen 0 1280x1024x24" env QT_QPA_PLATFORM=xcb bench_canvas_upload [frames=60]
#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/widgets/image_canvas.h"
#include "ui/widgets/render_backend.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

QImage noise(int side, int seed) {
  QImage image(side, side, QImage::Format_RGB32);
  quint32 state = quint32(seed) * 2654435761u + 1;
  for (int y = 0; y < side; ++y) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < side; ++x) line[x] = (state = state * 1664525u + 1013904223u) | 0xff000000u;
  }
  return image;
}

// Median ms per frame of setImage + drawn + read back, and of the read-back alone.
std::pair<double, double> measure(gs::ImageCanvas& canvas, int side, int frames) {
  std::vector<QImage> images;
  for (int i = 0; i < 4; ++i) images.push_back(noise(side, i));
  canvas.setImage(images[0]);
  canvas.renderedFrame();  // textures sized, pipeline warm
  std::vector<double> full, readback;
  for (int i = 0; i < frames; ++i) {
    QElapsedTimer t;
    t.start();
    canvas.setImage(images[size_t(i % 4)]);
    canvas.renderedFrame();
    full.push_back(t.nsecsElapsed() / 1e6);
    t.restart();
    canvas.renderedFrame();
    readback.push_back(t.nsecsElapsed() / 1e6);
  }
  return {median(full), median(readback)};
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const int frames = argc > 1 ? std::atoi(argv[1]) : 60;
  struct Case {
    const char* name;
    int side, grid;
  };
  const Case cases[] = {{"64 px", 64, 0}, {"256 px", 256, 0}, {"16x16 grid of 64 px", 16 * 64 + 17 * 2, 16}};
  for (gs::RendererChoice choice : {gs::RendererChoice::Auto, gs::RendererChoice::Painter}) {
    gs::setRendererChoice(choice);
    gs::ImageCanvas canvas;
    canvas.resize(1100, 1100);
    canvas.show();
    for (int i = 0; i < 50; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    std::printf("renderer: %s (canvas %d x %d)\n", qPrintable(gs::rendererDescription()), canvas.width(),
                canvas.height());
    for (const Case& c : cases) {
      canvas.setGrid(c.grid, c.grid, c.grid ? 2 : 0);
      const auto [full, readback] = measure(canvas, c.side, frames);
      std::printf("  %-20s new frame drawn + read back %.2f ms, read back alone %.2f ms, frame cost %.2f ms\n", c.name,
                  full, readback, full - readback);
    }
  }
  return 0;
}

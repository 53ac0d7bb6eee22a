// Frame cost of the image canvas: a new image handed to the canvas until it is drawn and read back, minus the
// read-back alone (Vulkan; QPainter repaints all of it for every grab, so there the whole grab is the cost), for a 64 px image, a 256 px image and a 16 x 16 grid of 64 px images (1058 px square), on the
// Vulkan canvas (texture upload from the staging buffer + one full-screen draw) and on the QPainter one.
// Usage: xvfb-run -a -s "-screen 0 1280x1024x24" env QT_QPA_PLATFORM=xcb bench_canvas_upload [frames=60] [canvas_px=1000]
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>

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
  // Until the surface is exposed and has drawn once (textures sized, pipeline warm).
  for (int i = 0; i < 400 && canvas.renderedFrame().isNull(); ++i)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
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

// Median ms from setImage until the canvas has drawn that frame (painted, or submitted to the GPU).
double measureDrawn(gs::ImageCanvas& canvas, int side, int frames) {
  std::vector<QImage> images;
  for (int i = 0; i < 4; ++i) images.push_back(noise(side, i + 10));
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) {
    QEventLoop loop;
    quint64 wanted = 0;
    const auto connection = QObject::connect(&canvas, &gs::ImageCanvas::framePresented, &loop, [&](quint64 frame) {
      if (frame >= wanted) loop.quit();
    });
    QElapsedTimer t;
    t.start();
    canvas.setImage(images[size_t(i % 4)]);
    wanted = canvas.framesShown();
    loop.exec();
    ms.push_back(t.nsecsElapsed() / 1e6);
    QObject::disconnect(connection);
  }
  return median(ms);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const int frames = argc > 1 ? std::atoi(argv[1]) : 60;
  const int canvas_px = argc > 2 ? std::atoi(argv[2]) : 1000;  // canvas height (width + 10%)
  struct Case {
    const char* name;
    int side, grid;
  };
  const Case cases[] = {{"64 px", 64, 0}, {"256 px", 256, 0}, {"16x16 grid of 64 px", 16 * 64 + 17 * 2, 16}};
  for (gs::RendererChoice choice : {gs::RendererChoice::Auto, gs::RendererChoice::Painter}) {
    gs::setRendererChoice(choice);
    gs::ImageCanvas canvas;
    canvas.resize(canvas_px * 11 / 10, canvas_px);
    canvas.show();
    for (int i = 0; i < 50; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    std::printf("renderer: %s (canvas %d x %d)\n", qPrintable(gs::rendererDescription()), canvas.width(),
                canvas.height());
    for (const Case& c : cases) {
      canvas.setGrid(c.grid, c.grid, c.grid ? 2 : 0);
      const auto [full, readback] = measure(canvas, c.side, frames);
      // QPainter repaints everything for a grab, so its frame cost is the grab itself; the Vulkan canvas only
      // uploads a texture for a new image, so its frame cost is the difference.
      std::printf("  %-20s new frame + read back %.2f ms, read back alone %.2f ms -> frame cost %.2f ms\n", c.name,
                  full, readback, canvas.drawnByGpu() ? full - readback : full);
      std::printf("  %-20s setImage to frame drawn (event loop included) %.2f ms\n", c.name,
                  measureDrawn(canvas, c.side, frames));
    }
  }
  return 0;
}

// The Vulkan canvas under xvfb with Mesa's lavapipe: a known image and a known grid read back from the GPU equal
// the CPU reference (nearest: exactly; bilinear: within 2 levels); outlines and hover are drawn by the shader;
// zoom and pan put a known pixel where the view says; the difference overlay matches the CPU blend; clicks on
// the surface reach the canvas; a lost device falls back to QPainter; the validation layer reports no errors.
#include <QSignalSpy>
#include <QVulkanInstance>
#include <QWheelEvent>
#include <QWindow>
#include <QtTest>

#include <cmath>
#include <cstdio>

#include "ui/widgets/image_canvas.h"
#include "ui/widgets/difference_view.h"
#include "ui/widgets/render_backend.h"

using namespace gs;

namespace {

// A w x h image whose every pixel has its own colour.
QImage uniqueColours(int w, int h) {
  QImage image(w, h, QImage::Format_RGB32);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) image.setPixel(x, y, qRgb((x * 37 + y * 11) % 256, (y * 53 + 17) % 256, (x * 29 + y * 71 + 5) % 256));
  return image;
}

// What the canvas should show at frame pixel (x, y): the image pixel under the pixel's centre, nearest or
// bilinear, or the background outside the image.
QRgb expectedAt(const QImage& image, const QRectF& target, QColor background, bool smooth, int x, int y) {
  const double scale = target.width() / image.width();
  const double sx = (x + 0.5 - target.x()) / scale, sy = (y + 0.5 - target.y()) / scale;
  if (sx < 0 || sy < 0 || sx >= image.width() || sy >= image.height()) return background.rgb();
  if (!smooth) return image.pixel(int(std::floor(sx)), int(std::floor(sy)));
  const auto at = [&](int ix, int iy) {
    return image.pixel(std::clamp(ix, 0, image.width() - 1), std::clamp(iy, 0, image.height() - 1));
  };
  const double px = sx - 0.5, py = sy - 0.5;
  const int bx = int(std::floor(px)), by = int(std::floor(py));
  const double fx = px - bx, fy = py - by;
  const auto channel = [&](int shift) {
    const auto c = [&](int ix, int iy) { return double((at(ix, iy) >> shift) & 0xff); };
    const double top = c(bx, by) + (c(bx + 1, by) - c(bx, by)) * fx;
    const double bottom = c(bx, by + 1) + (c(bx + 1, by + 1) - c(bx, by + 1)) * fx;
    return int(std::lround(top + (bottom - top) * fy));
  };
  return qRgb(channel(16), channel(8), channel(0));
}

// Largest channel difference between the frame and the reference, and how many pixels differ at all.
std::pair<int, int> compare(const QImage& frame, const QImage& image, const QRectF& target, QColor background,
                            bool smooth) {
  int worst = 0, differing = 0;
  for (int y = 0; y < frame.height(); ++y)
    for (int x = 0; x < frame.width(); ++x) {
      const QRgb a = frame.pixel(x, y), b = expectedAt(image, target, background, smooth, x, y);
      const int d = std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
      worst = std::max(worst, d);
      differing += d > 0;
    }
  return {worst, differing};
}

// With GANSCOPE_TEST_SHOTS=DIR, frames read back from the GPU are saved there to look at.
void keep(const QImage& frame, const QString& name) {
  const QString dir = qEnvironmentVariable("GANSCOPE_TEST_SHOTS");
  if (!dir.isEmpty()) frame.save(dir + "/" + name + ".png");
}

QRectF targetOf(const ImageCanvas& canvas) {
  const QPointF a = canvas.mapFromImage({0, 0}), b = canvas.mapFromImage(QPointF(canvas.image().width(), canvas.image().height()));
  return QRectF(a, b);
}

}  // namespace

class VulkanCanvasTest : public QObject {
  Q_OBJECT
 private:
  // A shown canvas drawn by Vulkan, with its first frame rendered.
  bool showCanvas(ImageCanvas& canvas, const QImage& image, QSize size = {300, 240}) {
    canvas.resize(size);
    canvas.setImage(image);
    canvas.show();
    if (!QTest::qWaitForWindowExposed(&canvas) || !canvas.drawnByGpu()) return false;
    for (int i = 0; i < 200 && canvas.renderedFrame().isNull(); ++i) QTest::qWait(10);
    return !canvas.renderedFrame().isNull();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY2(canvasVulkanInstance(), qPrintable("no Vulkan device (install mesa-vulkan-drivers): " +
                                                vulkanUnavailableReason()));
    std::printf("renderer: %s; validation layer %s\n", qPrintable(rendererDescription()),
                vulkanValidationEnabled() ? "enabled" : "not installed");
    QVERIFY(rendererDescription().startsWith("Vulkan 1."));
  }

  void nearestImageIsExact() {
    ImageCanvas canvas;
    const QImage image = uniqueColours(24, 18);
    QVERIFY(showCanvas(canvas, image));
    const QImage frame = canvas.renderedFrame();
    QCOMPARE(frame.size(), canvas.size());
    const QRectF target = targetOf(canvas);
    QCOMPARE(target.width(), 24.0 * 11);  // whole-number scale: (300 - 16) / 24 -> 11
    const auto [worst, differing] = compare(frame, image, target, canvas.palette().color(QPalette::Base), false);
    QVERIFY2(worst == 0, qPrintable(QString("%1 pixels differ, by up to %2").arg(differing).arg(worst)));
  }

  void bilinearImageIsClose() {
    ImageCanvas canvas;
    canvas.setSmooth(true);
    const QImage image = uniqueColours(24, 18);
    QVERIFY(showCanvas(canvas, image));
    const auto [worst, differing] =
        compare(canvas.renderedFrame(), image, targetOf(canvas), canvas.palette().color(QPalette::Base), true);
    QVERIFY2(worst <= 2, qPrintable(QString("%1 pixels differ, by up to %2").arg(differing).arg(worst)));
    QVERIFY(differing < canvas.width() * canvas.height() / 10);
  }

  void gridWithOutlinesAndHover() {
    // A 4 x 4 grid of 16 px cells, padding 2, as the render worker composes it.
    const int cells = 4, cell = 16, pad = 2, side = cells * cell + (cells + 1) * pad;
    QImage grid(side, side, QImage::Format_RGB32);
    grid.fill(qRgb(20, 20, 20));
    const QImage tile = uniqueColours(cell, cell);
    for (int i = 0; i < cells * cells; ++i)
      for (int y = 0; y < cell; ++y)
        for (int x = 0; x < cell; ++x)
          grid.setPixel(pad + (i % cells) * (cell + pad) + x, pad + (i / cells) * (cell + pad) + y,
                        tile.pixel(x, y) ^ qRgb(i * 13, 0, i * 7));
    ImageCanvas canvas;
    canvas.setGrid(cells, cells, pad);
    QVERIFY(showCanvas(canvas, grid, {320, 320}));
    const QRectF target = targetOf(canvas);
    const QColor base = canvas.palette().color(QPalette::Base);
    QCOMPARE(compare(canvas.renderedFrame(), grid, target, base, false).first, 0);
    QCOMPARE(canvas.cellImage(5), grid.copy(pad + cell + pad, pad + cell + pad, cell, cell));

    // A red outline on cell 5: a 3 px band just inside the cell; the cell's middle is untouched.
    canvas.setCellOutlines({{5, QColor(Qt::red)}});
    const double s = target.width() / side;
    const QPointF cell5 = target.topLeft() + QPointF(pad + cell + pad, pad + cell + pad) * s;
    QImage frame = canvas.renderedFrame();
    QCOMPARE(frame.pixel((cell5 + QPointF(1, cell * s / 2)).toPoint()), qRgb(255, 0, 0));
    QCOMPARE(frame.pixel((cell5 + QPointF(cell * s / 2, 1)).toPoint()), qRgb(255, 0, 0));
    const QPoint middle = (cell5 + QPointF(cell * s / 2, cell * s / 2)).toPoint();
    QCOMPARE(frame.pixel(middle), expectedAt(grid, target, base, false, middle.x(), middle.y()));

    // The mouse over cell 10 (events arrive at the Vulkan window and reach the canvas): the highlight straddles
    // its edge; a click reports the cell.
    const QPointF cell10 = target.topLeft() + QPointF(pad + 2 * (cell + pad), pad + 2 * (cell + pad)) * s;
    const QPoint inside10 = (cell10 + QPointF(cell * s / 2, cell * s / 2)).toPoint();
    QTest::mouseMove(canvas.surfaceWindow(), inside10);
    QTRY_COMPARE(canvas.renderedFrame().pixel((cell10 + QPointF(cell * s / 2, 0.2)).toPoint()),
                 canvas.palette().color(QPalette::Highlight).rgb());
    keep(canvas.renderedFrame(), "vulkan_grid_outline_hover");
    QSignalSpy clicked(&canvas, &ImageCanvas::cellClicked);
    QTest::mouseClick(canvas.surfaceWindow(), Qt::LeftButton, {}, inside10);
    QTRY_COMPARE(clicked.count(), 1);
    QCOMPARE(clicked.front().front().toInt(), 10);
  }

  void zoomAndPanMoveAKnownPixel() {
    ImageCanvas canvas;
    const QImage image = uniqueColours(20, 20);
    QVERIFY(showCanvas(canvas, image, {260, 260}));
    // Wheel up over image pixel (5, 7): it stays under the cursor, now twice as large.
    const QPoint cursor = canvas.mapFromImage({5.5, 7.5}).toPoint();
    const double before = targetOf(canvas).width();
    QWheelEvent wheel(cursor, canvas.surfaceWindow()->mapToGlobal(cursor), {}, {0, 240}, Qt::NoButton, {},
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(canvas.surfaceWindow(), &wheel);
    QCOMPARE(targetOf(canvas).width(), before * 2);
    const QPointF under = canvas.mapToImage(cursor);
    QVERIFY(std::abs(under.x() - 5.5) < 1e-6 && std::abs(under.y() - 7.5) < 1e-6);
    QImage frame = canvas.renderedFrame();
    QCOMPARE(frame.pixel(cursor), image.pixel(5, 7));
    QCOMPARE(compare(frame, image, targetOf(canvas), canvas.palette().color(QPalette::Base), false).first, 0);

    // Drag 30 px right and 20 px down: pixel (5, 7) follows the mouse.
    QTest::mousePress(canvas.surfaceWindow(), Qt::LeftButton, {}, cursor);
    QTest::mouseMove(canvas.surfaceWindow(), cursor + QPoint(15, 10));
    QTest::mouseMove(canvas.surfaceWindow(), cursor + QPoint(30, 20));
    QTest::mouseRelease(canvas.surfaceWindow(), Qt::LeftButton, {}, cursor + QPoint(30, 20));
    QTRY_COMPARE(canvas.renderedFrame().pixel(cursor + QPoint(30, 20)), image.pixel(5, 7));
    canvas.fitToWindow();
    QCOMPARE(targetOf(canvas).width(), before);
    QCOMPARE(canvas.renderedFrame().pixel(cursor), image.pixel(5, 7));
  }

  void differenceOverlayMatchesTheCpuBlend() {
    ImageCanvas canvas;
    const QImage image = uniqueColours(16, 16);
    QImage edited = image;
    for (int y = 4; y < 10; ++y)
      for (int x = 2; x < 12; ++x) edited.setPixel(x, y, qRgb(255 - qRed(image.pixel(x, y)), qGreen(image.pixel(x, y)), 30));
    QVERIFY(showCanvas(canvas, edited));
    canvas.setDifferenceReference(image);
    canvas.setDifferenceOpacity(0.7);
    const QImage expected = blendDifference(edited, image, 0.7);
    keep(canvas.renderedFrame(), "vulkan_difference");
    const auto [worst, differing] =
        compare(canvas.renderedFrame(), expected, targetOf(canvas), canvas.palette().color(QPalette::Base), false);
    QVERIFY2(worst <= 1, qPrintable(QString("%1 pixels differ, by up to %2").arg(differing).arg(worst)));
    // The overlay survives new frames of the same size, and opacity 0 turns it off.
    canvas.setImage(edited);
    canvas.setDifferenceOpacity(0);
    QCOMPARE(compare(canvas.renderedFrame(), edited, targetOf(canvas), canvas.palette().color(QPalette::Base), false).first, 0);
  }

  void lostDeviceFallsBackToPainter() {
    ImageCanvas canvas;
    const QImage image = uniqueColours(24, 18);
    QVERIFY(showCanvas(canvas, image));
    canvas.fallBackToPainter("Vulkan device lost (test)");
    QVERIFY(!canvas.drawnByGpu());
    QCOMPARE(rendererDescription(), QString("QPainter (Vulkan device lost (test))"));
    const QImage frame = canvas.renderedFrame();  // now QWidget::grab of the QPainter drawing
    QCOMPARE(compare(frame, image, targetOf(canvas), canvas.palette().color(QPalette::Base), false).first, 0);
    ImageCanvas later;
    QVERIFY(!later.drawnByGpu());
  }

  void cleanupTestCase() {
    if (vulkanValidationEnabled()) QCOMPARE(vulkanValidationErrors(), 0);
  }
};

QTEST_MAIN(VulkanCanvasTest)
#include "vulkan_canvas_test.moc"

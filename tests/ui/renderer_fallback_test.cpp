// The renderer choice and its fallback: on the offscreen platform (no Vulkan surface) and with --renderer
// painter the canvases draw with QPainter and say so; the window's status bar and Help > About name the
// renderer; the QPainter canvas zooms and pans with the same geometry as the Vulkan one.
#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QWheelEvent>
#include <QtTest>

#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"
#include "ui/widgets/render_backend.h"

using namespace gs;

class RendererFallbackTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void choicesParse() {
    QCOMPARE(parseRendererChoice("auto"), RendererChoice::Auto);
    QCOMPARE(parseRendererChoice("vulkan"), RendererChoice::Vulkan);
    QCOMPARE(parseRendererChoice("painter"), RendererChoice::Painter);
    QVERIFY(!parseRendererChoice("opengl"));
    QCOMPARE(rendererChoiceName(RendererChoice::Painter), QString("painter"));
  }

  void choiceIsRemembered() {
    QSettings().remove("view/renderer");
    QCOMPARE(chooseRenderer(""), RendererChoice::Auto);  // nothing remembered yet
    QCOMPARE(chooseRenderer("painter"), RendererChoice::Painter);
    QCOMPARE(chooseRenderer(""), RendererChoice::Painter);
    QVERIFY(!chooseRenderer("opengl"));
    QCOMPARE(chooseRenderer(""), RendererChoice::Painter);  // a bad name is not remembered
    QSettings().setValue("view/renderer", "garbage");
    QCOMPARE(chooseRenderer(""), RendererChoice::Auto);
    QCOMPARE(chooseRenderer("auto"), RendererChoice::Auto);
  }

  void offscreenUsesQPainter() {
    setRendererChoice(RendererChoice::Vulkan);  // asked for, but there is no surface to draw on
    ImageCanvas canvas;
    QVERIFY(!canvas.drawnByGpu());
    QVERIFY(!canvas.surfaceWindow());
    QCOMPARE(rendererDescription(), QString("QPainter (no Vulkan surface on the offscreen platform)"));
    setRendererChoice(RendererChoice::Painter);
    QCOMPARE(rendererDescription(), QString("QPainter (--renderer painter)"));
    setRendererChoice(RendererChoice::Auto);
  }

  void windowNamesTheRenderer() {
    MainWindow window(nullptr, false);
    auto* label = window.statusBar()->findChild<QLabel*>("rendererLabel");
    QVERIFY(label);
    QCOMPARE(label->text(), rendererDescription());
    QAction* about = window.findChild<QAction*>("aboutAction");
    QVERIFY(about && about->text().contains("About"));
    QVERIFY(window.explorerCanvas() && !window.explorerCanvas()->drawnByGpu());
  }

  void painterZoomsAboutTheCursor() {
    ImageCanvas canvas;
    QImage image(20, 20, QImage::Format_RGB32);
    for (int y = 0; y < 20; ++y)
      for (int x = 0; x < 20; ++x) image.setPixel(x, y, qRgb(x * 12, y * 12, 100));
    canvas.resize(260, 260);
    canvas.setImage(image);
    const QPoint cursor = canvas.mapFromImage({5.5, 7.5}).toPoint();
    QWheelEvent wheel(cursor, canvas.mapToGlobal(cursor), {}, {0, 240}, Qt::NoButton, {}, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&canvas, &wheel);
    QCOMPARE(canvas.zoom(), 2.0);
    QCOMPARE(canvas.renderedFrame().pixel(cursor), image.pixel(5, 7));
    QTest::mousePress(&canvas, Qt::LeftButton, {}, cursor);
    QTest::mouseMove(&canvas, cursor + QPoint(30, 20));
    QTest::mouseRelease(&canvas, Qt::LeftButton, {}, cursor + QPoint(30, 20));
    QCOMPARE(canvas.renderedFrame().pixel(cursor + QPoint(30, 20)), image.pixel(5, 7));
  }
};

QTEST_MAIN(RendererFallbackTest)
#include "renderer_fallback_test.moc"

// The latent explorer: sliders change the rendered image; a fast drag coalesces into few renders and ends on
// the newest latent; grid cells open their fixed latent; paging reaches every dimension; View > Smooth image
// scaling blends pixels (nearest-neighbour by default) and is remembered.
#include <QAction>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "ui/widgets/core_types.h"
#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

class ExplorerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void smoothScalingBlendsPixelsAndIsRemembered() {
    // The set of colours a canvas shows for a black | white 2 x 1 image scaled up.
    const auto coloursShown = [](ImageCanvas* canvas) {
      QImage two(2, 1, QImage::Format_RGB888);
      two.setPixelColor(0, 0, Qt::black);
      two.setPixelColor(1, 0, Qt::white);
      canvas->setImage(two);
      canvas->resize(200, 120);
      const QImage shot = canvas->grab().toImage();
      QSet<QRgb> colours;
      const int y = shot.height() / 2;
      for (int x = 0; x < shot.width(); ++x) colours.insert(shot.pixel(x, y));
      return colours.size();
    };
    {
      MainWindow window(nullptr, false);
      auto* smooth = window.findChild<QAction*>("smoothScaling");
      QVERIFY(smooth && !smooth->isChecked());
      QVERIFY(!window.explorerCanvas()->smooth());
      const int crisp = coloursShown(window.explorerCanvas());  // background, black, white
      smooth->setChecked(true);
      QVERIFY(window.explorerCanvas()->smooth() && window.samplesCanvas()->smooth());
      const int blended = coloursShown(window.explorerCanvas());
      QVERIFY2(crisp <= 4 && blended > crisp + 10, qPrintable(QString("%1 vs %2").arg(crisp).arg(blended)));
    }
    MainWindow again(nullptr, false);
    QVERIFY(again.explorerCanvas()->smooth());
    again.findChild<QAction*>("smoothScaling")->setChecked(false);
  }

  void sliderChangesImage() {
    MainWindow window(nullptr, false);
    window.show();
    window.setGenerator(makeTinyGeneratorSession());
    ImageCanvas* canvas = window.explorerCanvas();
    QTRY_VERIFY_WITH_TIMEOUT(!canvas->image().isNull(), 10000);
    const QImage before = canvas->image();
    QCOMPARE(before.width(), 32);
    const quint64 frames = canvas->framesShown();

    QSlider* slider = window.latentPanel()->dimensionSlider(0);
    slider->setValue(slider->maximum());  // z[0] = +3
    QTRY_VERIFY_WITH_TIMEOUT(canvas->framesShown() > frames, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(canvas->image() != before, 10000);
    QCOMPARE(window.latentPanel()->latent()[0], 3.0f);
    QVERIFY(!window.latentPanel()->originSeed());
  }

  void dragCoalescesToNewest() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    ImageCanvas* canvas = window.explorerCanvas();
    QTRY_VERIFY_WITH_TIMEOUT(!canvas->image().isNull(), 10000);
    const quint64 frames_before = canvas->framesShown();
    QSlider* slider = window.latentPanel()->dimensionSlider(1);
    // 300 slider moves without returning to the event loop: the render thread only ever picks up the newest
    // request, so far fewer frames than moves reach the screen.
    for (int v = -300; v < 300; v += 2) slider->setValue(v);
    QTest::qWait(300);
    const quint64 rendered = canvas->framesShown() - frames_before;
    QVERIFY2(rendered >= 1 && rendered < 100, qPrintable(QString("rendered %1 frames").arg(rendered)));
    // The frame on screen is the newest latent's.
    const QImage expected = toQImage(session->render(window.latentPanel()->latent(), 1.0f));
    QCOMPARE(canvas->image(), expected);
  }

  void truncationAndSeedRender() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    QTRY_VERIFY_WITH_TIMEOUT(!window.explorerCanvas()->image().isNull(), 10000);
    window.latentPanel()->setSeed(7);
    QCOMPARE(window.latentPanel()->latent(), session->latentForSeed(7));
    window.latentPanel()->truncationSlider()->setValue(50);
    const QImage expected = toQImage(session->render(session->latentForSeed(7), 0.5f));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), expected, 10000);
  }

  void gridCellOpensItsLatent() {
    MainWindow window(nullptr, false);
    window.resize(1200, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    ImageCanvas* grid = window.samplesCanvas();
    QTRY_VERIFY_WITH_TIMEOUT(!grid->image().isNull(), 10000);
    QCOMPARE(grid->image().width(), 8 * 32 + 9 * 2);
    Q_EMIT grid->cellClicked(10);
    QCOMPARE(window.latentPanel()->latent(), session->latentForSeed(fixedGridSeed(1, 10)));
    QCOMPARE(*window.latentPanel()->originSeed(), fixedGridSeed(1, 10));
  }

  void interpolationAndPaging() {
    LatentPanel panel;
    auto session = makeTinyGeneratorSession(100);
    panel.setGenerator(100, [session](uint64_t s) { return session->latentForSeed(s); });
    QCOMPARE(panel.pageCount(), 7);
    panel.showDimension(40);
    QCOMPARE(panel.page(), 2);
    // A at seed 1, B at seed 2: the scrub ends exactly on B.
    panel.setSeed(1);
    const auto a = panel.latent();
    panel.setSeed(2);
    const auto b = panel.latent();
    QVERIFY(a != b);
    panel.setSeed(1);
    for (auto* button : panel.findChildren<QPushButton*>())
      if (button->text() == "Set A") button->click();
    panel.setSeed(2);
    for (auto* button : panel.findChildren<QPushButton*>())
      if (button->text() == "Set B") button->click();
    QVERIFY(panel.interpolationSlider()->isEnabled());
    panel.interpolationSlider()->setValue(1000);
    for (size_t i = 0; i < b.size(); ++i) QVERIFY(std::abs(panel.latent()[i] - b[i]) < 1e-4f);
    panel.interpolationSlider()->setValue(0);
    for (size_t i = 0; i < a.size(); ++i) QVERIFY(std::abs(panel.latent()[i] - a[i]) < 1e-4f);
  }
};

QTEST_MAIN(ExplorerTest)
#include "explorer_test.moc"

// The explorer's difference view (QPainter path, offscreen): against interpolation point A the reference is A's
// frame and the canvas shows the CPU heat blend; against the unedited frame with no edits the reference is the
// frame itself; turning it off restores the plain image.
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSlider>
#include <QToolBar>
#include <QtTest>

#include "ui/widgets/core_types.h"
#include "explore/generator_session.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"
#include "ui/widgets/difference_view.h"

using namespace gs;

class ExplorerDifferenceTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void againstPointAAndUnedited() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    ImageCanvas* canvas = window.explorerCanvas();
    QTRY_VERIFY_WITH_TIMEOUT(!canvas->image().isNull(), 10000);
    auto* bar = window.findChild<QToolBar*>("differenceBar");
    QVERIFY(bar);
    auto* toggle = bar->findChild<QCheckBox*>("differenceToggle");
    auto* against = bar->findChild<QComboBox*>("differenceAgainst");
    auto* opacity = bar->findChild<QSlider*>("differenceOpacity");
    QVERIFY(toggle && against && opacity);

    // A = seed 3, then the explorer moves on to seed 9.
    window.latentPanel()->setSeed(3);
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), toQImage(session->render(session->latentForSeed(3), 1.0f)), 10000);
    const auto buttons = window.latentPanel()->findChildren<QPushButton*>();
    const auto set_a = std::find_if(buttons.begin(), buttons.end(), [](auto* b) { return b->text() == "Set A"; });
    QVERIFY(set_a != buttons.end());
    QTest::mouseClick(*set_a, Qt::LeftButton);
    QCOMPARE(window.latentPanel()->pointA(), session->latentForSeed(3));
    window.latentPanel()->setSeed(9);
    const QImage frame9 = toQImage(session->render(session->latentForSeed(9), 1.0f));
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), frame9, 10000);

    const QImage plain = canvas->grab().toImage();
    against->setCurrentIndex(1);
    opacity->setValue(80);
    toggle->setChecked(true);
    const QImage frame3 = toQImage(session->render(session->latentForSeed(3), 1.0f));
    QTRY_COMPARE_WITH_TIMEOUT(canvas->differenceReference(), frame3, 10000);
    QCOMPARE(canvas->differenceOpacity(), 0.8);
    // The canvas paints the heat blend: its centre pixel is the blended image's centre pixel.
    const QImage shot = canvas->grab().toImage();
    const QPoint centre = canvas->mapFromImage({16.5, 16.5}).toPoint();
    QCOMPARE(shot.pixel(centre), blendDifference(frame9, frame3, 0.8).pixel(16, 16));
    QVERIFY(shot != plain);

    // Against the unedited frame, with nothing edited: the reference is the frame itself.
    against->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(canvas->differenceReference(), frame9, 10000);
    toggle->setChecked(false);
    QVERIFY(canvas->differenceReference().isNull());
    QCOMPARE(canvas->grab().toImage(), plain);
  }
};

QTEST_MAIN(ExplorerDifferenceTest)
#include "explorer_difference_test.moc"

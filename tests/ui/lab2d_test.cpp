// The 2D lab tab: a short run updates the step, modes and quality labels; Pause stops the worker, Resume
// continues, Reset forgets the run; closing the panel mid-run stops the worker thread cleanly.
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

#include "ui/lab2d/lab2d_canvas.h"
#include "ui/lab2d/lab2d_controller.h"
#include "ui/lab2d/lab2d_panel.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

QString text(const Lab2dPanel& panel, const char* name) { return panel.findChild<QLabel*>(name)->text(); }

}  // namespace

class Lab2dTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void mainWindowHasTheLabTab() {
    MainWindow window(nullptr, false);
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QVERIFY(window.findChild<Lab2dPanel*>());
    QCOMPARE(tabs->tabText(tabs->indexOf(window.findChild<Lab2dPanel*>())), QString("2D lab"));
  }

  void shortRunUpdatesLabelsAndStopsCleanly() {
    Lab2dPanel panel;
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.findChild<QSpinBox*>("lab2dSteps")->setValue(200);
    QCOMPARE(panel.config().steps, 200);

    QSignalSpy finished(panel.controller(), &Lab2dController::runFinished);
    QTest::mouseClick(panel.findChild<QPushButton*>("lab2dStart"), Qt::LeftButton);
    QVERIFY(panel.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(text(panel, "lab2dModes").startsWith("Modes captured"), 20000);
    QVERIFY(text(panel, "lab2dModes").endsWith("/ 8"));
    QVERIFY(text(panel, "lab2dQuality").startsWith("High quality"));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QCOMPARE(finished.first().first().toLongLong(), 200);
    QCOMPARE(text(panel, "lab2dStep"), QString("Step 200 / 200"));
    QVERIFY(!panel.controller()->isRunning());
  }

  void pauseResumeAndReset() {
    Lab2dPanel panel;
    panel.show();
    panel.findChild<QSpinBox*>("lab2dSteps")->setValue(100000);
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(text(panel, "lab2dStep").startsWith("Step"), 20000);
    auto* pause = panel.findChild<QPushButton*>("lab2dPause");
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!panel.controller()->isRunning());
    QCOMPARE(pause->text(), QString("Resume"));
    // The loop ends after its chunk (however long a busy machine takes); no frames after that.
    panel.controller()->waitForIdle();
    QCoreApplication::processEvents();  // the last frame's queued wake-up
    const QString paused_at = text(panel, "lab2dStep");
    QTest::qWait(300);
    QCOMPARE(text(panel, "lab2dStep"), paused_at);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(panel.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(text(panel, "lab2dStep") != paused_at, 20000);

    QTest::mouseClick(panel.findChild<QPushButton*>("lab2dReset"), Qt::LeftButton);
    QVERIFY(!panel.controller()->isRunning());
    QVERIFY(!panel.controller()->hasRun());
    QCOMPARE(text(panel, "lab2dStep"), QString("Press Start to train."));
    // Restart and destroy the panel while it trains: the destructor stops and joins the worker.
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(text(panel, "lab2dStep").startsWith("Step"), 20000);
  }

  void drawingAddsPointsAndTrains() {
    Lab2dPanel panel;
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.selectDistribution("drawing");
    panel.start();  // empty drawing: refused with a message
    QVERIFY(!panel.controller()->hasRun());
    QVERIFY(panel.findChild<QLabel*>("lab2dAlarm")->isVisible());
    Lab2dCanvas* canvas = panel.canvas();
    const QPoint c = canvas->rect().center();
    QTest::mouseClick(canvas, Qt::LeftButton, {}, c);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, c + QPoint(60, -40));
    QCOMPARE(canvas->drawing().size(), size_t(2));
    QVERIFY(std::abs(canvas->drawing()[0].x) < 0.05 && std::abs(canvas->drawing()[0].y) < 0.05);
    panel.findChild<QSpinBox*>("lab2dSteps")->setValue(100);
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(text(panel, "lab2dModes").endsWith("/ 2"), 20000);
  }
};

QTEST_MAIN(Lab2dTest)
#include "lab2d_test.moc"

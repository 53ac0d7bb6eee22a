// A short real training from the window: charts gain points, the samples grid appears, the run stops cleanly,
// and the GUI event loop never stalls for more than 50 ms while it trains. Then Stop ends a long run early.
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "ui/training/charts_panel.h"
#include "ui/training/data_panel.h"
#include "ui/widgets/image_canvas.h"
#include "ui/training/run_actions.h"
#include "ui/window/main_window.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui_test_support.h"
#include "tiny_run_config.h"

using namespace gs;

namespace {

TrainConfig tinyConfig(int64_t steps) {
  TrainConfig c = tinyRunConfig(steps);
  c.log_every = 1;
  c.sample_every = 10;
  c.checkpoint_every = 10;
  c.threads = 1;  // leave the second core to the GUI thread
  return c;
}

// Largest gap between ticks of a 5 ms timer while it runs: how long the event loop was blocked.
class StallMeter : public QObject {
 public:
  StallMeter() {
    timer_.setInterval(5);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      if (last_ > 0) max_gap_ms_ = std::max(max_gap_ms_, (now - last_) / 1e6);
      last_ = now;
      ++ticks_;
    });
    clock_.start();
    timer_.start();
  }
  double maxGapMs() const { return max_gap_ms_; }
  int ticks() const { return ticks_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  double max_gap_ms_ = 0;
  int ticks_ = 0;
};

}  // namespace

class TrainingTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    QVERIFY(data_.isValid());
    writeTinyImageFolder(data_.filePath("images"), 24);
  }

  void shortTrainingFillsChartsWithoutStalls() {
    MainWindow window(nullptr, false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openImageFolder(data_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
    QCOMPARE(window.dataPanel()->summary().images_used, int64_t(24));

    window.trainingPanel()->setConfig(tinyConfig(20));
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    StallMeter meter;
    window.runs()->startTraining(data_.filePath("run1"));
    QVERIFY(window.training()->isRunning());
    QVERIFY(!window.trainingPanel()->startButton()->isEnabled());
    QVERIFY(finished.wait(90000));
    const double max_gap = meter.maxGapMs();
    qInfo("event loop: %d ticks, longest gap %.1f ms", meter.ticks(), max_gap);

    QVERIFY2(finished.last().at(3).toString().isEmpty(), qPrintable(finished.last().at(3).toString()));
    QCOMPARE(finished.last().at(0).toLongLong(), qint64(20));
    QVERIFY(!window.training()->isRunning());
    QVERIFY(window.trainingPanel()->startButton()->isEnabled());
    QCOMPARE(int(window.chartsPanel()->history().size()), 20);
    window.chartsPanel()->refreshNow();
    QVERIFY(window.chartsPanel()->drawnPoints(Metric::GLoss) > 0);
    QVERIFY(!window.samplesCanvas()->image().isNull());
    // The final checkpoint opens in the explorer.
    QTRY_VERIFY_WITH_TIMEOUT(window.generator() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.explorerCanvas()->image().isNull(), 10000);
    QVERIFY2(max_gap < 50.0, qPrintable(QString("event loop stalled for %1 ms").arg(max_gap)));
  }

  void stopEndsALongRun() {
    MainWindow window(nullptr, false);
    window.show();
    window.openImageFolder(data_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    window.trainingPanel()->setConfig(tinyConfig(100000));
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    window.runs()->startTraining(data_.filePath("run2"));
    QTRY_VERIFY_WITH_TIMEOUT(window.chartsPanel()->history().size() >= 3, 60000);
    window.trainingPanel()->pauseButton()->click();
    QVERIFY(window.training()->isPaused());
    window.trainingPanel()->pauseButton()->click();
    QVERIFY(!window.training()->isPaused());
    window.trainingPanel()->stopButton()->click();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(1).toBool(), true);
    QVERIFY(finished.last().at(0).toLongLong() < 100000);
    QVERIFY(!window.training()->isRunning());
  }

 private:
  QTemporaryDir data_;
};

QTEST_MAIN(TrainingTest)
#include "training_test.moc"

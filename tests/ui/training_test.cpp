// A short real training from the window: charts gain points while it trains (the GUI thread keeps running and
// every step arrives once, in order, in batches), the samples grid appears, the run stops cleanly. Then Stop
// ends a long run early. How long the event loop waits during training is measured by bench_ui_responsiveness.
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <set>

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

// Ticks of a 5 ms timer while training runs, with the chart history's size at each tick: proof that the GUI
// thread keeps handling events while the worker trains (no timing is asserted; a busy machine only delays ticks).
class ProgressWatcher : public QObject {
 public:
  explicit ProgressWatcher(const ChartsPanel* charts) {
    timer_.setInterval(5);
    connect(&timer_, &QTimer::timeout, this, [this, charts] { sizes_seen_.insert(charts->history().size()); });
    timer_.start();
  }
  // True when a tick saw the history partly filled: the charts grew while the run was still going.
  bool sawPartial(size_t total) const {
    return std::any_of(sizes_seen_.begin(), sizes_seen_.end(), [total](size_t n) { return n > 0 && n < total; });
  }
  void stop() { timer_.stop(); }

 private:
  QTimer timer_;
  std::set<size_t> sizes_seen_;
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
    QSignalSpy batches(window.training(), &TrainingController::stepsReady);
    ProgressWatcher watcher(window.chartsPanel());
    window.runs()->startTraining(data_.filePath("run1"));
    QVERIFY(window.training()->isRunning());
    QVERIFY(!window.trainingPanel()->startButton()->isEnabled());
    QVERIFY(finished.wait(90000));
    watcher.stop();

    QVERIFY2(finished.last().at(3).toString().isEmpty(), qPrintable(finished.last().at(3).toString()));
    QCOMPARE(finished.last().at(0).toLongLong(), qint64(20));
    QVERIFY(!window.training()->isRunning());
    QVERIFY(window.trainingPanel()->startButton()->isEnabled());
    QCOMPARE(int(window.chartsPanel()->history().size()), 20);
    // Every step arrived exactly once and in order; steps came in batches (never more signals than steps).
    const auto& steps = window.chartsPanel()->history().steps();
    for (size_t i = 0; i < steps.size(); ++i) QCOMPARE(steps[i].step, int64_t(i + 1));
    QVERIFY(batches.count() >= 1 && batches.count() <= 20);
    // The GUI thread ran while training: a tick saw the charts partly filled.
    QVERIFY2(watcher.sawPartial(20), "the event loop saw no progress while training ran");
    window.chartsPanel()->refreshNow();
    QVERIFY(window.chartsPanel()->drawnPoints(Metric::GLoss) > 0);
    QVERIFY(!window.samplesCanvas()->image().isNull());
    // The final checkpoint opens in the explorer.
    QTRY_VERIFY_WITH_TIMEOUT(window.generator() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.explorerCanvas()->image().isNull(), 10000);
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

// The Samples tab's timeline: a run's saved grids scrubbed with the slider, the losses logged at the shown step,
// two steps side by side, the newest grid followed as the run writes more, the timeline exported as a labelled
// animation, and a run trained from the window showing up in it.
#include <QCheckBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include "export/png_export.h"
#include "tiny_run_config.h"
#include "training/run_folder.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/sample_timeline.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/widgets/image_canvas.h"
#include "ui/widgets/renderer_status.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"
#include "util/atomic_file.h"

using namespace gs;

namespace {

ImageU8 solid(uint8_t v) { return ImageU8{12, 8, 3, std::vector<uint8_t>(12 * 8 * 3, v)}; }

void addGrid(const QString& run, int64_t step) {
  const RunPaths paths{run.toStdString()};
  QDir().mkpath(QString::fromStdString(paths.samples()));
  writePng(paths.sampleFile(step), solid(uint8_t(step * 20)));
}

}  // namespace

class TimelineTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    QVERIFY(dir_.isValid());
  }

  void scrubsComparesFollowsAndExports() {
    const QString run = dir_.filePath("run");
    for (int64_t step : {2, 4, 6}) addGrid(run, step);
    std::string metrics;
    for (int64_t step = 1; step <= 6; ++step) {
      StepStats s;
      s.step = step;
      s.g_loss = step / 8.0;
      s.d_loss = 1.0;
      metrics += metricsLine(s) + "\n";
    }
    writeFileAtomic(RunPaths{run.toStdString()}.metrics(), metrics);

    SampleTimeline timeline(new ImageCanvas);
    timeline.resize(800, 500);
    timeline.show();
    QCOMPARE(timeline.shownStep(), qint64(-1));  // the live grid until the slider moves
    timeline.setRunFolder(run);
    QCOMPARE(timeline.steps(), (std::vector<qint64>{2, 4, 6}));
    QVERIFY(timeline.readout().contains("3 grids, steps 2-6"));

    timeline.slider()->setValue(1);
    QCOMPARE(timeline.shownStep(), qint64(4));
    QCOMPARE(timeline.timelineCanvas()->image().pixelColor(3, 3).red(), 80);
    QVERIFY2(timeline.readout().contains("step 4 \u00B7 G 0.500"), qPrintable(timeline.readout()));
    timeline.showStep(5);  // between grids: the one before
    QCOMPARE(timeline.shownStep(), qint64(4));

    // Compare: the newest grid on the right.
    timeline.compareBox()->setChecked(true);
    QVERIFY(timeline.timelineCanvas(true)->isVisible());
    QCOMPARE(timeline.timelineCanvas(true)->image().pixelColor(3, 3).red(), 120);
    QVERIFY(timeline.readout().contains("right: step 6"));

    // A new grid: the right slider was at the newest and follows; the left one stays.
    addGrid(run, 8);
    timeline.refresh();
    QCOMPARE(timeline.steps().size(), size_t(4));
    QCOMPARE(timeline.shownStep(), qint64(4));
    QCOMPARE(timeline.timelineCanvas(true)->image().pixelColor(3, 3).red(), 160);

    // Exported as an animated PNG with the label; the status names the file.
    QSignalSpy said(&timeline, &SampleTimeline::message);
    const QString video = dir_.filePath("timeline.png");
    QVERIFY(timeline.exportVideo(video));
    bool labelled = false;
    for (const auto& [k, v] : readPngText(video.toStdString())) labelled = labelled || (k == "AI-generated" && v == "true");
    QVERIFY(labelled);
    QVERIFY(said.last().at(0).toString().contains("4 grids"));
    QVERIFY(!timeline.exportVideo(dir_.filePath("no/such/folder/t.png")));

    // Another folder without grids: nothing to scrub, nothing to export.
    timeline.setRunFolder(dir_.filePath("empty"));
    QVERIFY(timeline.steps().empty());
    QCOMPARE(timeline.shownStep(), qint64(-1));
    QVERIFY(!timeline.exportVideo(dir_.filePath("t2.png")));
  }

  void aRunFromTheWindowFillsTheTimeline() {
    MainWindow window(nullptr, false);
    window.resize(1400, 900);
    window.show();
    writeTinyImageFolder(dir_.filePath("images"), 12);
    window.openImageFolder(dir_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    TrainConfig c = tinyRunConfig(6);
    c.sample_every = c.checkpoint_every = 2;
    c.log_every = 1;
    c.grid_size = 2;
    c.threads = 1;
    window.trainingPanel()->setConfig(c);
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    window.runs()->startTraining(dir_.filePath("winrun"));
    QVERIFY(finished.wait(90000));
    QVERIFY2(finished.last().at(3).toString().isEmpty(), qPrintable(finished.last().at(3).toString()));
    QTRY_COMPARE(window.sampleTimeline()->steps(), (std::vector<qint64>{2, 4, 6}));
    window.sampleTimeline()->slider()->setValue(0);
    QCOMPARE(window.sampleTimeline()->shownStep(), qint64(2));
    QVERIFY(window.sampleTimeline()->readout().contains(" \u00B7 G "));
    if (const QString shot = qEnvironmentVariable("GANSCOPE_TIMELINE_SCREENSHOT"); !shot.isEmpty()) {
      window.centreTabs()->setCurrentIndex(1);
      window.sampleTimeline()->compareBox()->setChecked(true);
      window.sampleTimeline()->slider()->setValue(0);
      QTest::qWait(300);
      QVERIFY(grabWithCanvases(&window).save(shot));  // Vulkan canvases are not in QWidget::grab()
    }
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TimelineTest)
#include "timeline_test.moc"

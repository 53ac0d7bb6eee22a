// The failure lab in the window: health records fill the Health chart, an alarm shows the amber banner with its
// remedies and a chart marker, a remedy continues the run or starts a sibling run with the changed config,
// near-duplicate groups outline their grid cells, and the memorisation check finds a planted training image.
#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "ui/health/alarm_banner.h"
#include "ui/training/charts_panel.h"
#include "ui/widgets/core_types.h"
#include "data/image_dataset.h"
#include "ui/training/data_panel.h"
#include "ui/health/health_lab.h"
#include "ui/health/health_panel.h"
#include "ui/widgets/image_canvas.h"
#include "ui/training/run_actions.h"
#include "ui/window/main_window.h"
#include "metrics/remedies.h"
#include "ui/health/nearest_images_dialog.h"
#include "ui/health/output_histogram_view.h"
#include "ui/health/quality_chart.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui_test_support.h"
#include "tiny_run_config.h"

using namespace gs;

namespace {

HealthRecord record(int64_t step, double ratio, std::vector<std::vector<int>> groups = {}) {
  HealthRecord r;
  r.step = step;
  r.pixel_ratio = ratio;
  r.feature_ratio = ratio * 0.9;
  r.duplicate_fraction = 0.1;
  r.duplicate_groups = std::move(groups);
  r.birthday.batch_size = 16;
  r.birthday.support = 256;
  r.d_real_hist = {0, 1, {1, 2, 3, 10}};
  r.d_fake_hist = {0, 1, {10, 3, 2, 1}};
  return r;
}

Alarm collapseAlarm(int64_t step) {
  Alarm a;
  a.kind = AlarmKind::ModeCollapse;
  a.step = step;
  a.message = "diversity fell to 0.2 of the data's";
  a.remedies = {kRemedyWganGp, kRemedySpectralNorm, kRemedyMinibatchStd, kRemedyLowerLrD};
  return a;
}

TrainConfig tinyConfig(int64_t steps) {
  TrainConfig c = tinyRunConfig(steps);
  c.log_every = 1;
  c.sample_every = 5;
  c.checkpoint_every = 5;
  c.health_every = 5;
  c.birthday_trials = 0;
  c.threads = 1;
  return c;
}

// Pixels of exactly `color` in `image`, and the smallest y where one occurs.
int countColor(const QImage& image, const QColor& color, int* min_y) {
  int n = 0;
  *min_y = image.height();
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (image.pixelColor(x, y).rgb() == color.rgb()) {
        ++n;
        *min_y = std::min(*min_y, y);
      }
  return n;
}

QPushButton* remedyButton(MainWindow& window, const char* name) {
  for (QPushButton* b : window.healthLab()->banner()->remedyButtons())
    if (b->objectName() == QString("remedy-") + name) return b;
  return nullptr;
}

}  // namespace

class HealthTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    registerCoreMetaTypes();
    QVERIFY(data_.isValid());
    writeTinyImageFolder(data_.filePath("images"), 24);
  }

  void healthRecordsAndAlarmsReachTheCharts() {
    MainWindow window(nullptr, false);
    window.show();
    HealthLab* lab = window.healthLab();
    QVERIFY(lab->dock() != nullptr);
    for (int64_t step : {20, 40, 60}) Q_EMIT window.training()->healthReady(record(step, 1.0 - step / 100.0));
    QCOMPARE(lab->panel()->drawnPoints(HealthSeries::PixelRatio), 3);
    QCOMPARE(lab->panel()->drawnPoints(HealthSeries::FeatureRatio), 3);
    QCOMPARE(lab->panel()->drawnPoints(HealthSeries::DuplicateFraction), 3);
    QCOMPARE(lab->panel()->drawnPoints(HealthSeries::BirthdaySupport), 3);
    QCOMPARE(lab->panel()->histogram()->shownStep(), int64_t(60));
    lab->panel()->histogram()->slider()->setValue(0);
    QCOMPARE(lab->panel()->histogram()->shownStep(), int64_t(20));

    QVERIFY(lab->banner()->isHidden());
    QDockWidget* charts_dock = window.findChild<QDockWidget*>("chartsDock");
    QVERIFY(charts_dock);
    QVERIFY(!charts_dock->visibleRegion().isEmpty());  // the training charts are in front until a collapse
    QVERIFY(lab->dock()->visibleRegion().isEmpty());
    Q_EMIT window.training()->alarmRaised(collapseAlarm(60));
    QVERIFY(!lab->banner()->isHidden());
    QVERIFY(lab->banner()->text().contains("mode-collapse"));
    QCOMPARE(lab->panel()->alarmMarkers(), 1);
    // The first collapse of the run raises the Health dock; the loss charts mark the alarm too.
    QTRY_VERIFY(!lab->dock()->visibleRegion().isEmpty());
    QVERIFY(charts_dock->visibleRegion().isEmpty());
    window.chartsPanel()->refreshNow();
    QCOMPARE(window.chartsPanel()->alarmMarkers(), 1);
    QStringList labels;
    for (QPushButton* b : lab->banner()->remedyButtons()) labels << b->text();
    QCOMPARE(labels, (QStringList{"Switch to WGAN-GP", "Spectral norm", "Minibatch std-dev", "Lower D learning rate"}));
    // The error banner stays clear: an alarm is a warning, not an error.
    QVERIFY(window.errorText().isEmpty());
    // A rollback alarm shows too, without a button for the rollback that already happened.
    Alarm nan;
    nan.kind = AlarmKind::NonFinite;
    nan.step = 70;
    nan.message = "g_loss not finite. Rolled back to step_000060.gsck (step 60) with lr_g 1e-4, lr_d 1e-4.";
    nan.remedies = {kRemedyRollback, kRemedyLowerLr};
    Q_EMIT window.training()->alarmRaised(nan);
    QVERIFY(lab->banner()->text().contains("Rolled back"));
    QCOMPARE(lab->banner()->remedyButtons().size(), 1);
    QCOMPARE(lab->panel()->alarmMarkers(), 2);
    window.chartsPanel()->refreshNow();
    QCOMPARE(window.chartsPanel()->alarmMarkers(), 2);
    // "Show health charts" brings the dock back after the user went to the loss charts.
    charts_dock->raise();
    QTRY_VERIFY(lab->dock()->visibleRegion().isEmpty());
    auto* details = lab->banner()->findChild<QToolButton*>("showHealth");
    QVERIFY(details);
    details->click();
    QTRY_VERIFY(!lab->dock()->visibleRegion().isEmpty());
  }

  void qualityRecordsReachTheQualityChart() {
    MainWindow window(nullptr, false);
    QualityChart* chart = window.healthLab()->panel()->quality();
    const auto quality = [](int64_t step, double swd, const char* hint = "") {
      QualityRecord r;
      r.step = step;
      r.swd = swd;
      r.images = 1024;
      r.hint = hint;
      return r;
    };
    Q_EMIT window.training()->qualityReady(quality(100, 90.0));
    Q_EMIT window.training()->qualityReady(quality(200, 40.0));
    Q_EMIT window.training()->qualityReady(quality(300, 55.0, "Quality stopped improving"));
    QCOMPARE(chart->drawnPoints(), 3);
    QVERIFY2(chart->summary().contains("best: step 200"), qPrintable(chart->summary()));
    QVERIFY(chart->summary().contains("stopped improving"));
    // A resumed run measures step 200 again: what came after it is dropped.
    Q_EMIT window.training()->qualityReady(quality(200, 42.0));
    QCOMPARE(chart->drawnPoints(), 2);
    QVERIFY(!chart->summary().contains("stopped improving"));
  }

  void duplicateGroupsOutlineTheirCells() {
    MainWindow window(nullptr, false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ImageCanvas* canvas = window.samplesCanvas();
    QImage grid(8 * 16 + 9 * 2, 8 * 16 + 9 * 2, QImage::Format_RGB888);
    grid.fill(QColor(40, 40, 40));
    Q_EMIT window.training()->samplesReady(grid, 40);
    Q_EMIT window.training()->healthReady(record(40, 0.3, {{0, 5}, {9, 10, 11}}));
    QCOMPARE(int(canvas->cellOutlines().size()), 5);
    canvas->resize(600, 600);
    const QImage shot = canvas->grab().toImage();
    int first_y = 0, second_y = 0, unused_y = 0;
    const int first = countColor(shot, HealthLab::groupColor(0), &first_y);
    const int second = countColor(shot, HealthLab::groupColor(1), &second_y);
    QVERIFY2(first > 100, qPrintable(QString::number(first)));
    QVERIFY2(second > 150, qPrintable(QString::number(second)));
    QCOMPARE(countColor(shot, HealthLab::groupColor(2), &unused_y), 0);
    QVERIFY(first_y < second_y);  // group 0 in the first row, group 1 in the second
    // A newer grid without a health record of its step shows no outlines.
    Q_EMIT window.training()->samplesReady(grid, 45);
    QVERIFY(canvas->cellOutlines().empty());
  }

  void remedyContinuesOrStartsASiblingRun() {
    MainWindow window(nullptr, false);
    window.show();
    window.openImageFolder(data_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    window.trainingPanel()->setConfig(tinyConfig(100000));
    const QString run = data_.filePath("run");
    window.runs()->startTraining(run);
    QTRY_VERIFY_WITH_TIMEOUT(window.chartsPanel()->history().size() >= 6, 60000);
    const double lr_d = window.training()->lastConfig().optim.lr_d;

    // Lower D learning rate: the networks still fit, so the same run continues from its checkpoint.
    Q_EMIT window.training()->alarmRaised(collapseAlarm(5));
    QPushButton* lower = remedyButton(window, kRemedyLowerLrD);
    QVERIFY(lower);
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    lower->click();
    QVERIFY(finished.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(window.training()->isRunning(), 10000);
    QCOMPARE(window.training()->lastRunDir(), run);
    QCOMPARE(window.training()->lastConfig().optim.lr_d, lr_d * 0.5);
    QVERIFY(window.healthLab()->banner()->isHidden());
    const qint64 stopped_at = finished.last().at(0).toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(window.chartsPanel()->history().steps().back().step > stopped_at + 2, 60000);

    // Minibatch std-dev changes D: a new run beside the old one, with the feature on.
    Q_EMIT window.training()->alarmRaised(collapseAlarm(stopped_at + 5));
    QPushButton* mbstd = remedyButton(window, kRemedyMinibatchStd);
    QVERIFY(mbstd);
    mbstd->click();
    QVERIFY(finished.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(window.training()->isRunning(), 10000);
    QCOMPARE(window.training()->lastRunDir(), run + "-mbstd");
    QVERIFY(window.training()->lastConfig().model.minibatch_std);
    QCOMPARE(window.training()->lastConfig().optim.lr_d, lr_d * 0.5);
    QVERIFY(window.trainingPanel()->config().model.minibatch_std);
    QTRY_VERIFY_WITH_TIMEOUT(window.chartsPanel()->history().size() >= 2, 60000);
    window.training()->stop();
    QVERIFY(finished.wait(30000));
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
  }

  void nearestImageFindsAPlantedTrainingImage() {
    MainWindow window(nullptr, false);
    window.show();
    window.openImageFolder(data_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    auto data = window.dataPanel()->dataset();
    QVERIFY(data);
    ImageU8 planted;
    planted.width = planted.height = data->resolution();
    planted.channels = data->channels();
    planted.pixels.assign(data->image(7), data->image(7) + data->imageBytes());
    // The explorer shows the planted image, so it is the selected sample.
    window.explorerCanvas()->setImage(toQImage(planted).scaled(64, 64));
    QSignalSpy done(window.healthLab(), &HealthLab::nearestFinished);
    window.healthLab()->nearestAction()->trigger();
    QVERIFY(done.wait(20000));
    const QStringList lines = window.healthLab()->nearestDialog()->resultText().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith("training image #7 \u00B7 RMS 0.0"), qPrintable(lines[0]));
  }

 private:
  QTemporaryDir data_;
};

QTEST_MAIN(HealthTest)
#include "health_test.moc"

// The compare view: several run folders overlaid, one legend entry and colour per run, the x axis by step,
// images seen (step x batch when the file has none) or wall-clock time, a log y axis for losses, bad folders
// reported by name while the others still draw, runs removed and hidden, runs that grow.
#include <QDir>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

#include "config.h"
#include "metrics/quality_record.h"
#include "training/run_folder.h"
#include "ui/training/charts_panel.h"
#include "ui/training/compare_chart.h"
#include "ui/training/compare_panel.h"
#include "ui/training/run_compare.h"
#include "ui/widgets/smoothing_control.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

struct RunSpec {
  int batch = 16;
  LossKind loss = LossKind::NonSaturating;
  double start = 1.7e9, seconds_per_step = 2;  // wall clock; start 0: an old file without "t"
  bool images_in_file = true;                 // old files have no images_seen
  double loss_offset = 0;                     // negative: some losses below zero
  int steps = 50;                             // logged every 10 steps
};

void append(const QString& path, const std::string& text) {
  std::ofstream out(path.toStdString(), std::ios::app | std::ios::binary);
  out << text;
}

std::string metricsRow(const RunSpec& spec, int64_t step) {
  StepStats s;
  s.step = step;
  s.images_seen = spec.images_in_file ? step * spec.batch : 0;
  s.g_loss = 1.0 + 0.5 / double(step) + spec.loss_offset;
  s.d_loss = 0.7 + spec.loss_offset;
  s.d_real = 0.6;
  s.d_fake = 0.4;
  s.g_grad_norm = 2.0;
  s.d_grad_norm = 3.0;
  const double t = spec.start > 0 ? spec.start + double(step) * spec.seconds_per_step : 0;
  std::string line = metricsLine(s, t);
  if (spec.start <= 0) line = line.substr(0, line.rfind(",\"t\"")) + "}";  // as written before "t" existed
  return line + "\n";
}

QString writeRun(const QString& root, const QString& name, const RunSpec& spec) {
  const QString dir = root + "/" + name;
  QDir().mkpath(dir);
  TrainConfig config;
  config.batch = spec.batch;
  config.optim.loss = spec.loss;
  append(dir + "/config.json", toJson(config));
  for (int64_t step = 10; step <= spec.steps; step += 10) append(dir + "/metrics.jsonl", metricsRow(spec, step));
  for (int64_t step = 20; step <= spec.steps; step += 20) {
    HealthRecord h;
    h.step = step;
    h.pixel_ratio = 0.8;
    h.feature_ratio = 0.9;
    h.duplicate_fraction = 0.1;
    append(dir + "/health.jsonl", healthLine(h) + "\n");
    QualityRecord q;
    q.step = step;
    q.swd = 100.0 / double(step);
    append(dir + "/quality.jsonl", qualityLine(q) + "\n");
  }
  return dir;
}

bool distinct(const QList<QColor>& colors) {
  std::set<QRgb> seen;
  for (const QColor& c : colors) seen.insert(c.rgb());
  return seen.size() == size_t(colors.size());
}

}  // namespace

class CompareTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void runsOverlaidWithColoursLegendAndAxes() {
    QTemporaryDir root;
    RunSpec a;  // batch 16, 2 s a step, images_seen in the file
    RunSpec b;
    b.batch = 32;
    b.loss = LossKind::Hinge;
    b.seconds_per_step = 0.5;
    b.images_in_file = false;  // derived from step x batch
    b.loss_offset = -1.02;     // G loss crosses zero: not drawable on a log axis
    const QString dir_a = writeRun(root.path(), "a", a), dir_b = writeRun(root.path(), "b", b);

    ComparePanel panel;
    panel.runs()->addRun(dir_a);
    panel.runs()->addRun(dir_b);
    QTRY_COMPARE(panel.runs()->size(), 2);
    panel.refreshNow();

    // One legend entry per run on every chart, distinct colours, names with the folder, model and loss.
    for (int c = 0; c < ComparePanel::kCharts; ++c) {
      CompareChart* chart = panel.chart(ComparePanel::Chart(c));
      QCOMPARE(chart->runNames().size(), 2);
      QVERIFY(distinct(chart->runColors()));
    }
    const QStringList names = panel.chart(ComparePanel::Loss)->runNames();
    QVERIFY2(names[0].startsWith("a \u00B7 dcgan") && names[1].contains("hinge"), qPrintable(names.join(", ")));
    QCOMPARE(panel.runList()->count(), 2);
    QVERIFY(panel.legend().contains("a \u00B7 dcgan \u00B7 ns") && panel.legend().contains("b \u00B7 dcgan \u00B7 hinge"));

    // x by step, then images seen (the file's for a, step x batch for b), then minutes since the start.
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(0).front().x(), 10.0);
    panel.setAxis(CompareAxis::ImagesSeen);
    panel.refreshNow();
    // In thousands (kimg).
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(0).front().x(), 10.0 * 16 / 1000);
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(1).back().x(), 50.0 * 32 / 1000);
    QCOMPARE(panel.chart(ComparePanel::Quality)->drawnPoints(1).front().x(), 20.0 * 32 / 1000);  // health/quality too
    panel.setAxis(CompareAxis::WallClock);
    panel.refreshNow();
    const auto wall_a = panel.chart(ComparePanel::Loss)->drawnPoints(0);
    const auto wall_b = panel.chart(ComparePanel::Loss)->drawnPoints(1);
    QCOMPARE(wall_a.front().x(), 0.0);
    QVERIFY(std::abs(wall_a.back().x() - 40 * 2.0 / 60) < 1e-6);  // steps 10..50 at 2 s a step, in minutes
    QVERIFY(std::abs(wall_b.back().x() - 40 * 0.5 / 60) < 1e-6);
    QVERIFY(std::abs(panel.chart(ComparePanel::Diversity)->drawnPoints(0).front().x() - 10 * 2.0 / 60) < 1e-6);

    // Log scale: losses and gradient norms only; b's losses at or below zero are left out, with a note.
    QVERIFY(!panel.chart(ComparePanel::Loss)->usesLogAxis());
    panel.setAxis(CompareAxis::Step);
    panel.setLogScale(true);
    panel.refreshNow();
    QVERIFY(panel.chart(ComparePanel::Loss)->usesLogAxis());
    QVERIFY(panel.chart(ComparePanel::GradNorm)->usesLogAxis());
    QVERIFY(!panel.chart(ComparePanel::DOutput)->usesLogAxis());
    QVERIFY(panel.chart(ComparePanel::Loss)->drawnPoints(1).size() < panel.chart(ComparePanel::Loss)->drawnPoints(0).size());
    QVERIFY2(panel.message().contains("left out (log scale)"), qPrintable(panel.message()));
    panel.setLogScale(false);

    // Hidden, then removed: the run's series go; the other keeps its colour.
    const QColor color_b = panel.chart(ComparePanel::Loss)->runColors()[1];
    panel.runList()->item(0)->setCheckState(Qt::Unchecked);
    panel.refreshNow();
    QCOMPARE(panel.chart(ComparePanel::Loss)->runNames().size(), 1);
    panel.runs()->removeRun(0);
    panel.refreshNow();
    QCOMPARE(panel.runList()->count(), 1);
    for (int c = 0; c < ComparePanel::kCharts; ++c)
      QCOMPARE(panel.chart(ComparePanel::Chart(c))->runNames().size(), 1);
    QVERIFY(panel.chart(ComparePanel::Loss)->runNames()[0].startsWith("b"));
    QVERIFY(!panel.legend().contains("a \u00B7"));
    QCOMPARE(panel.chart(ComparePanel::Loss)->runColors()[0], color_b);
  }

  void badFoldersAreNamedAndTheOthersStillDraw() {
    QTemporaryDir root;
    const QString good = writeRun(root.path(), "good", RunSpec{});
    // A run folder whose metrics.jsonl is missing, and one whose last line was cut off mid-write.
    const QString missing = root.path() + "/missing";
    QDir().mkpath(missing);
    append(missing + "/config.json", toJson(TrainConfig{}));
    const QString cut = writeRun(root.path(), "cut", RunSpec{});
    append(cut + "/metrics.jsonl", "{\"step\": 60, \"g_lo");
    // An old run: no wall-clock times, no images_seen (step x batch instead).
    RunSpec old_spec;
    old_spec.start = 0;
    old_spec.images_in_file = false;
    old_spec.batch = 8;
    const QString old = writeRun(root.path(), "old", old_spec);

    ComparePanel panel;
    for (const QString& dir : {good, missing, cut, old}) panel.runs()->addRun(dir);
    QTRY_COMPARE(panel.runs()->size(), 4);
    panel.refreshNow();
    const QString message = panel.message();
    QVERIFY2(message.contains(QDir::cleanPath(missing) + ": no metrics.jsonl"), qPrintable(message));
    QVERIFY2(message.contains(QDir::cleanPath(cut) + "/metrics.jsonl: the last line is incomplete"), qPrintable(message));
    // The missing one is not drawn; the cut one draws its five whole lines.
    QCOMPARE(panel.chart(ComparePanel::Loss)->runNames().size(), 3);
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(1).size(), 5);

    // The old run has no wall-clock axis: said, and its curve left out there; images seen = step x 8.
    panel.setAxis(CompareAxis::ImagesSeen);
    panel.refreshNow();
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(2).front().x(), 10.0 * 8 / 1000);
    panel.setAxis(CompareAxis::WallClock);
    panel.refreshNow();
    QVERIFY(panel.chart(ComparePanel::Loss)->drawnPoints(2).isEmpty());
    QVERIFY2(panel.message().contains("old: metrics.jsonl has no wall-clock times"), qPrintable(panel.message()));

    // A folder with no run in it at all.
    QTemporaryDir empty;
    panel.addRunFolders(empty.path());
    panel.refreshNow();
    QVERIFY(panel.message().contains(empty.path() + ": no run folder here"));
    // A folder of runs adds each (the ones already there are not added twice).
    panel.addRunFolders(root.path());
    QTRY_COMPARE(panel.runs()->loading(), 0);
    QCOMPARE(panel.runs()->size(), 4);
  }

  void growingRunsRefresh() {
    QTemporaryDir root;
    RunSpec spec;
    const QString dir = writeRun(root.path(), "live", spec);
    ComparePanel panel;
    panel.runs()->addRun(dir);
    QTRY_COMPARE(panel.runs()->size(), 1);
    panel.refreshNow();
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(0).size(), 5);
    append(dir + "/metrics.jsonl", metricsRow(spec, 60) + metricsRow(spec, 70));
    panel.runs()->pollNow();
    panel.refreshNow();
    QCOMPARE(panel.chart(ComparePanel::Loss)->drawnPoints(0).size(), 7);
  }

  void windowHasTheCompareTabAndMenu() {
    MainWindow window(nullptr, false);
    QCOMPARE(window.centreTabs()->widget(MainWindow::kCompareTab), static_cast<QWidget*>(window.comparePanel()));
    // File > Compare runs... exists (it opens the tab and a folder dialog).
    bool found = false;
    for (QAction* menu : window.menuBar()->actions())
      for (QAction* action : menu->menu()->actions()) found = found || action->text() == "Co&mpare runs\u2026";
    QVERIFY(found);
    // One smoothing for the training charts and the compare view.
    window.comparePanel()->smoothingControl()->setValue(0.3);
    QVERIFY(std::abs(window.chartsPanel()->smoothing() - 0.3) < 1e-9);
  }
};

QTEST_MAIN(CompareTest)
#include "compare_test.moc"


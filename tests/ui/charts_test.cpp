// Charts: decimation keeps spikes, smoothing is TensorBoard's debiased EMA, CSV has every step, long runs are
// drawn from a bounded number of points; the L1 chart appears for image-to-image runs only.
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include "ui/training/charts_panel.h"
#include "ui/training/metric_history.h"
#include "ui/widgets/metric_chart_view.h"
#include "ui_test_support.h"

using namespace gs;

namespace {
StepStats stats(int64_t step, double g, double d) {
  StepStats s;
  s.step = step;
  s.g_loss = g;
  s.d_loss = d;
  s.d_real = 0.6;
  s.d_fake = 0.4;
  return s;
}
}  // namespace

class ChartsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void decimationKeepsExtremes() {
    QVector<QPointF> points;
    for (int i = 0; i < 100000; ++i) points.push_back(QPointF(i, i == 54321 ? 100.0 : (i % 7) * 0.1));
    const auto out = decimate(points, 1500);
    QVERIFY(out.size() <= 1501);
    double peak = 0;
    for (int i = 1; i < out.size(); ++i) {
      QVERIFY(out[i].x() > out[i - 1].x());  // strictly in step order
      peak = std::max(peak, out[i].y());
    }
    QCOMPARE(peak, 100.0);
    QCOMPARE(out.back().x(), 99999.0);
  }

  void smoothingIsDebiasedEma() {
    MetricHistory h;
    h.append(stats(1, 1.0, 0));
    h.append(stats(2, 3.0, 0));
    const auto s = h.smoothed(Metric::GLoss, 0.5, 100);
    QCOMPARE(s.size(), 2);
    QCOMPARE(s[0].y(), 1.0);  // debiased: the first point is the value itself
    // (0.5 * 0.5 * 1 + 0.5 * 3) / (0.5 * 0.5 + 0.5) = 1.75 / 0.75
    QVERIFY(std::abs(s[1].y() - 1.75 / 0.75) < 1e-9);
    QCOMPARE(h.smoothed(Metric::GLoss, 0.0, 100)[1].y(), 3.0);
    // Repeated steps (a resumed run) replace the tail instead of going backwards.
    h.append(stats(2, 5.0, 0));
    QCOMPARE(int(h.size()), 2);
    QCOMPARE(h.nearest(1.9)->g_loss, 5.0);
  }

  void augmentationChartDrawsPAndRt() {
    ChartsPanel panel;
    panel.resize(1200, 300);
    panel.show();
    panel.setAdaTarget(0.5);
    QVector<StepStats> batch;
    for (int i = 1; i <= 50; ++i) {
      StepStats s = stats(i, 1.0, 1.0);
      s.augmenting = true;
      s.augment_p = 0.01 * i;
      s.ada_rt = 0.7;
      batch.push_back(s);
    }
    panel.append(batch);
    QTRY_VERIFY_WITH_TIMEOUT(panel.drawnPoints(Metric::AugmentP) == 50, 2000);
    QCOMPARE(panel.drawnPoints(Metric::AdaRt), 50);
    QCOMPARE(panel.adaTarget(), 0.5);
    QCOMPARE(panel.history().raw(Metric::AugmentP, 100).back().y(), 0.5);
  }

  void panelDrawsBoundedPointsAndExportsCsv() {
    ChartsPanel panel;
    panel.resize(1200, 300);
    panel.show();
    QVector<StepStats> batch;
    for (int i = 1; i <= 20000; ++i) batch.push_back(stats(i, std::sin(i * 0.01), std::cos(i * 0.01)));
    panel.append(batch);
    QTRY_VERIFY_WITH_TIMEOUT(panel.drawnPoints(Metric::GLoss) > 0, 2000);  // the 10 Hz timer repaints
    QVERIFY(panel.drawnPoints(Metric::GLoss) <= ChartsPanel::kMaxPoints + 1);
    QVERIFY(panel.drawnPoints(Metric::DReal) > 0);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(panel.exportCsv(dir.filePath("m.csv"), &error), qPrintable(error));
    QFile csv(dir.filePath("m.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 20001);
    QVERIFY(lines.front().startsWith("step,images_seen,seconds,g_loss,d_loss"));
    QVERIFY(lines[1].startsWith("1,"));
    QVERIFY(!panel.exportCsv("/nonexistent/dir/m.csv", &error));
    QVERIFY(error.contains("/nonexistent/dir/m.csv"));
  }

  void imageToImageLossesShowOnlyForSuchRuns() {
    ChartsPanel panel;
    panel.show();
    panel.append({stats(1, 1.0, 0.5), stats(2, 0.9, 0.5)});
    panel.refreshNow();
    QCOMPARE(panel.drawnPoints(Metric::L1), 0);  // a latent model's steps have no L1: nothing drawn
    QCOMPARE(panel.findChildren<MetricChartView*>().size() - visibleCharts(panel), 1);  // the L1 chart hidden
    QVector<StepStats> pix2pix;
    for (int i = 1; i <= 3; ++i) {
      StepStats s = stats(i, 1.0, 0.5);
      s.has_l1 = true;
      s.l1 = 0.5 / i;
      pix2pix.push_back(s);
    }
    panel.clear();
    panel.append(pix2pix);
    panel.refreshNow();
    QCOMPARE(panel.drawnPoints(Metric::L1), 3);
    QCOMPARE(panel.history().smoothed(Metric::L1, 0.0, 100).back().y(), 0.5 / 3);
    // The L1 chart takes the Augmentation chart's place.
    QCOMPARE(panel.findChildren<MetricChartView*>().size() - visibleCharts(panel), 1);
    bool l1_shown = false;
    for (auto* view : panel.findChildren<MetricChartView*>())
      if (view->isVisible() && view->chart()->title() == "Image-to-image losses") l1_shown = true;
    QVERIFY(l1_shown);

    // CycleGAN: the cycle and identity curves in the same chart, and no L1.
    QVector<StepStats> cyclegan;
    for (int i = 1; i <= 4; ++i) {
      StepStats s = stats(i, 1.0, 0.5);
      s.has_cycle = true;
      s.cycle = 0.4 / i;
      s.identity = 0.2 / i;
      cyclegan.push_back(s);
    }
    panel.clear();
    panel.append(cyclegan);
    panel.refreshNow();
    QCOMPARE(panel.drawnPoints(Metric::L1), 0);
    QCOMPARE(panel.drawnPoints(Metric::Cycle), 4);
    QCOMPARE(panel.drawnPoints(Metric::Identity), 4);
    QCOMPARE(panel.history().smoothed(Metric::Identity, 0.0, 100).back().y(), 0.2 / 4);
    QCOMPARE(panel.findChildren<MetricChartView*>().size() - visibleCharts(panel), 1);
  }

  void roundTicksFollowARangeJumpBeforeTheAxisIsLaidOut() {
    // Qt Charts lays an axis out for a new range before it emits rangeChanged. The tick interval must already
    // suit the new range by then: a jump from a tiny range to a wide one laid out with the old interval made
    // millions of tick items and froze the GUI thread (a chart's first point, then its second).
    auto* chart = new QChart;  // the view owns it
    auto* axis = new QValueAxis;
    chart->addAxis(axis, Qt::AlignLeft);
    QChartView view(chart);
    view.resize(300, 200);
    view.show();
    axis->setRange(0, 1);
    QList<double> seen;  // connected before useRoundTicks: it runs first, when the layout has happened
    connect(axis, &QValueAxis::rangeChanged, this, [&] { seen.push_back(axis->tickInterval()); });
    useRoundTicks(axis, 5);
    QCOMPARE(axis->tickInterval(), 0.2);
    axis->setRange(0, 100);  // a jump 100x wider (laid out with 0.2, 500 ticks, before the fix)
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.front(), 20.0);
    axis->setRange(3, 3.001);  // and narrower
    QCOMPARE(seen.size(), 2);
    QVERIFY2(std::abs(seen.back() - 2e-4) < 1e-12, qPrintable(QString::number(seen.back())));
  }

 private:
  static int visibleCharts(const ChartsPanel& panel) {
    int n = 0;
    for (auto* view : panel.findChildren<MetricChartView*>()) n += view->isVisible();
    return n;
  }
};

QTEST_MAIN(ChartsTest)
#include "charts_test.moc"

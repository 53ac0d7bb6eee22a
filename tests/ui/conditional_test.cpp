// Class-conditional generators in the app: the explorer's class selector (hidden for other generators) renders
// the chosen class, the samples grid has one row per class and a cell opens its latent and class, and the
// Health dock's per-class coverage line names a dropped class.
#include <QComboBox>
#include <QLabel>
#include <QtTest>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "metrics/health_record.h"
#include "models/networks.h"
#include "ui/explore/latent_panel.h"
#include "ui/health/health_panel.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

std::shared_ptr<GeneratorSession> conditionalSession() {
  ModelConfig c;
  c.resolution = 32;
  c.channels = 3;
  c.latent_dim = 16;
  c.g_width = c.d_width = 8;
  c.num_classes = 3;
  c.class_names = {"cat", "dog", "owl"};
  auto g = makeGenerator(c);
  {
    // Each class its own gains, so the classes differ visibly.
    at::NoGradGuard no_grad;
    for (auto& p : g->named_parameters())
      if (p.key().find("gain") != std::string::npos) p.value().normal_(1.0, 1.0);
  }
  return GeneratorSession::snapshot(*g, c, "conditional");
}

}  // namespace

class ConditionalUiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void classSelectorRendersTheClass() {
    MainWindow window(nullptr, false);
    window.show();
    window.setGenerator(makeTinyGeneratorSession());
    LatentPanel* panel = window.latentPanel();
    QVERIFY(!panel->classBox()->isVisible());
    QCOMPARE(panel->classIndex(), -1);

    auto session = conditionalSession();
    window.setGenerator(session);
    QVERIFY(panel->classBox()->isVisible());
    QCOMPARE(panel->classBox()->count(), 3);
    QCOMPARE(panel->classBox()->itemText(2), QString("2 owl"));
    QCOMPARE(panel->classIndex(), 0);
    const std::vector<float> z = panel->latent();
    const QImage first = toQImage(session->render(z, 1.0f, {}, 0));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), first, 10000);
    panel->classBox()->setCurrentIndex(2);
    const QImage owl = toQImage(session->render(z, 1.0f, {}, 2));
    QVERIFY(owl != first);
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), owl, 10000);
  }

  void gridHasOneRowPerClass() {
    MainWindow window(nullptr, false);
    window.resize(1200, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto session = conditionalSession();
    window.setGenerator(session);
    ImageCanvas* grid = window.samplesCanvas();
    QTRY_VERIFY_WITH_TIMEOUT(!grid->image().isNull(), 10000);
    QCOMPARE(grid->image().width(), 8 * 32 + 9 * 2);
    QCOMPARE(grid->image().height(), 3 * 32 + 4 * 2);
    // Row 2, column 5: the latent of cell 5 as class 2.
    Q_EMIT grid->cellClicked(2 * 8 + 5);
    QCOMPARE(window.latentPanel()->classIndex(), 2);
    QCOMPARE(window.latentPanel()->latent(), session->latentForSeed(fixedGridSeed(1, 5)));
    // For looking at it by hand: GANSCOPE_CONDITIONAL_SCREENSHOT=file.png (under xvfb for real fonts).
    if (const QString shot = qEnvironmentVariable("GANSCOPE_CONDITIONAL_SCREENSHOT"); !shot.isEmpty()) {
      window.centreTabs()->setCurrentIndex(1);
      QTest::qWait(300);
      QVERIFY(window.grab().save(shot));
    }
  }

  void healthCoverageNamesADroppedClass() {
    HealthPanel panel;
    panel.show();
    HealthRecord r;
    r.step = 500;
    panel.addRecord(r);
    QVERIFY(!panel.coverageLabel()->isVisible());
    r.class_names = {"cat", "dog", "owl", "bee"};
    r.class_share = {0.40, 0.31, 0.02, 0.27};
    r.class_flagged = {2};
    r.class_real_agreement = 0.8;
    panel.addRecord(r);
    QVERIFY(panel.coverageLabel()->isVisible());
    const QString text = panel.coverageLabel()->text();
    QVERIFY2(text.contains("owl 0.02 (dropped?)") && text.contains("cat 0.40") && text.contains("80%"),
             qPrintable(text));
    QVERIFY2(!text.contains("cat 0.40 (dropped?)"), qPrintable(text));
  }
};

QTEST_MAIN(ConditionalUiTest)
#include "conditional_test.moc"

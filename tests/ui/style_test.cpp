// The style-layer panel: shown only for style generators, one row per synthesis layer in coarse/middle/fine
// groups; switching a layer to latent B, per-layer truncation, the noise seed and w / w+ edits re-render the
// explorer, and the current image export records the controls.
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/widgets/core_types.h"
#include "explore/generator_session.h"
#include "export/png_export.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/export/export_actions.h"
#include "ui/window/main_window.h"
#include "ui/explore/style_layer_panel.h"
#include "ui_test_support.h"
#include "ui/explore/w_edit_box.h"

using namespace gs;

class StyleUiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void tabOnlyForStyleGenerators() {
    MainWindow window(nullptr, false);
    window.show();
    window.setGenerator(makeTinyGeneratorSession());
    QVERIFY(!window.explorerControlTabs()->isTabVisible(1));
    QCOMPARE(window.styleLayerPanel()->layerCount(), 0);
    window.setGenerator(makeTinyStyleSession());
    QVERIFY(window.explorerControlTabs()->isTabVisible(1));
    StyleLayerPanel* panel = window.styleLayerPanel();
    QCOMPARE(panel->layerCount(), 7);
    // 32 px: coarse (4, 8, 8) and middle (16, 16, 32, 32); no fine group.
    const auto groups = panel->findChildren<QGroupBox*>();
    QStringList titles;
    for (auto* g : groups) titles << g->title();
    QVERIFY2(titles.filter("Coarse").size() == 1 && titles.filter("Middle").size() == 1 &&
                 titles.filter("Fine").isEmpty(),
             qPrintable(titles.join(" | ")));
  }

  void layerSwitchToBChangesTheImage() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyStyleSession();
    window.setGenerator(session);
    ImageCanvas* canvas = window.explorerCanvas();
    const QImage plain = toQImage(session->render(window.latentPanel()->latent()));
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), plain, 10000);

    StyleLayerPanel* panel = window.styleLayerPanel();
    QSignalSpy spy(panel, &StyleLayerPanel::controlsChanged);
    window.explorerControlTabs()->setCurrentIndex(1);
    QTest::mouseClick(panel->fromBSwitch(0), Qt::LeftButton);
    QVERIFY(panel->fromBSwitch(0)->isChecked());
    QCOMPARE(spy.count(), 1);
    const StyleControls controls = panel->controls();
    QVERIFY(controls.layers[0].from_b);
    QCOMPARE(controls.latent_b, session->latentForSeed(1));
    const QImage mixed = toQImage(session->render(window.latentPanel()->latent(), 1.0f, controls));
    QVERIFY(mixed != plain);
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), mixed, 10000);
    // For looking at the panel by hand: GANSCOPE_STYLE_SCREENSHOT=file.png (run under xvfb for real fonts).
    if (const QString shot = qEnvironmentVariable("GANSCOPE_STYLE_SCREENSHOT"); !shot.isEmpty()) {
      window.resize(1500, 940);
      QTest::qWait(200);
      QVERIFY(window.grab().save(shot));
    }

    // Per-layer truncation and the noise seed also reach the explorer.
    panel->truncationSlider(3)->setValue(20);
    panel->noiseSeedBox()->setValue(9);
    const QImage edited = toQImage(session->render(window.latentPanel()->latent(), 1.0f, panel->controls()));
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), edited, 10000);
    QVERIFY(edited != mixed);

    // Reset returns to the plain image.
    panel->reset();
    QTRY_COMPARE_WITH_TIMEOUT(canvas->image(), plain, 10000);
  }

  void editsInWAndWPlus() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyStyleSession();
    window.setGenerator(session);
    StyleLayerPanel* panel = window.styleLayerPanel();
    WEditBox* edit = panel->wEditBox();
    QCOMPARE(edit->targetBox()->count(), 1 + 7);
    QCOMPARE(edit->dimensionBox()->maximum(), session->wDim() - 1);
    // w: dimension 3 of every layer's w.
    edit->dimensionBox()->setValue(3);
    edit->valueSlider()->setValue(200);
    StyleControls c = panel->controls();
    QCOMPARE(int(c.w_offset.size()), session->wDim());
    QCOMPARE(c.w_offset[3], 2.0f);
    const QImage in_w = toQImage(session->render(window.latentPanel()->latent(), 1.0f, c));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), in_w, 10000);
    // w+: layer 1 only; the slider shows that target's own value.
    edit->targetBox()->setCurrentIndex(2);
    QCOMPARE(edit->valueSlider()->value(), 0);
    edit->valueSlider()->setValue(-150);
    c = panel->controls();
    QCOMPARE(c.layers[1].w_offset[3], -1.5f);
    QVERIFY(c.layers[0].w_offset.empty());
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(),
                              toQImage(session->render(window.latentPanel()->latent(), 1.0f, c)), 10000);
    edit->targetBox()->setCurrentIndex(0);
    QCOMPARE(edit->valueSlider()->value(), 200);
    panel->reset();
    QVERIFY(panel->controls().isDefault());
  }

  void exportRecordsTheControls() {
    MainWindow window(nullptr, false);
    auto session = makeTinyStyleSession();
    window.setGenerator(session);
    window.styleLayerPanel()->fromBSwitch(2)->setChecked(true);
    QTemporaryDir dir;
    const QString path = dir.filePath("styled.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportCurrentImage(path);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QString recipe;
    for (const auto& [key, value] : readPngText(path.toStdString()))
      if (key == "Style controls") recipe = QString::fromStdString(value);
    QVERIFY2(recipe.contains("\"from_b\":true") && recipe.contains("\"seed_b\":1"), qPrintable(recipe));
    const ImageU8 written = readPng(path.toStdString());
    const StyleControls controls = window.styleLayerPanel()->controls();
    const ImageU8 expected = session->render(window.latentPanel()->latent(), 1.0f, controls);
    QCOMPARE(written.pixels == expected.pixels, true);
  }
};

QTEST_MAIN(StyleUiTest)
#include "style_test.moc"

// File > Project image: the dialog finds a picture in the generator on a worker thread (the window keeps
// handling events), shows the loss curve and the result, and "Use in explorer" moves the explorer to the latent
// found (z for a DCGAN; the anchor z plus w offsets for a style generator), rendering the very result image.
// Cancel stops it; without a generator the menu entry says what to do.
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "export/png_export.h"
#include "ui/explore/latent_panel.h"
#include "ui/explore/projection_dialog.h"
#include "ui/explore/projection_runner.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

// A picture the generator made from seed 99, as a PNG without a recipe.
QString writeTarget(const QTemporaryDir& dir, GeneratorSession& g) {
  const QString path = dir.filePath("target.png");
  writePng(path.toStdString(), g.render(latentFromSeed(99, g.latentDim())), {});
  return path;
}

// Runs the dialog to the end; false if it did not finish in time.
bool runToEnd(ProjectionDialog* dialog, int steps) {
  dialog->stepsBox()->setValue(steps);
  QSignalSpy finished(dialog, &ProjectionDialog::finished);
  dialog->projectButton()->click();
  return finished.wait(60000) && finished.front().front().toBool();
}

}  // namespace

class ProjectionTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void useInExplorerMovesTheExplorerToAStyleResult() {
    QTemporaryDir dir;
    MainWindow window(nullptr, false);
    auto session = makeTinyStyleSession();
    window.setGenerator(session);
    window.latentPanel()->setSeed(5);
    window.openProjection(writeTarget(dir, *session));
    ProjectionDialog* dialog = window.projectionDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->projectButton()->isEnabled());
    QVERIFY(!dialog->useButton()->isEnabled());
    QVERIFY(runToEnd(dialog, 40));
    QCOMPARE(dialog->curvePoints(), 40);
    QVERIFY2(dialog->summary().startsWith("Found: a w latent"), qPrintable(dialog->summary()));
    QVERIFY(dialog->summary().contains("pixel losses only"));
    QVERIFY(!dialog->resultLabel()->pixmap().isNull());
    const ProjectionResult& result = dialog->runner()->result();
    QCOMPARE(result.latent.space, LatentSpace::W);

    const std::vector<float> before = window.latentPanel()->latent();
    QVERIFY(dialog->useButton()->isEnabled());
    dialog->useButton()->click();
    QCOMPARE(window.latentPanel()->latent(), result.latent.anchor_z);
    QVERIFY(window.latentPanel()->latent() != before);
    QVERIFY(!window.styleLayerPanel()->controls().w_offset.empty());
    QTRY_VERIFY_WITH_TIMEOUT(window.explorerCanvas()->image() == toQImage(result.image), 20000);
    QVERIFY2(window.explorerCanvas()->caption().contains("projected latent \u00B7 psi"),
             qPrintable(window.explorerCanvas()->caption()));
    // Moving a slider makes it an edited latent like any other.
    window.latentPanel()->dimensionSlider(0)->setValue(window.latentPanel()->dimensionSlider(0)->value() + 50);
    QTRY_VERIFY_WITH_TIMEOUT(window.explorerCanvas()->caption().contains("edited latent"), 20000);
  }

  void useInExplorerSetsADcganZ() {
    QTemporaryDir dir;
    MainWindow window(nullptr, false);
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    window.openProjection(writeTarget(dir, *session));
    ProjectionDialog* dialog = window.projectionDialog();
    QVERIFY(runToEnd(dialog, 30));
    const ProjectionResult& result = dialog->runner()->result();
    QCOMPARE(result.latent.space, LatentSpace::Z);
    dialog->useButton()->click();
    QCOMPARE(window.latentPanel()->latent(), result.latent.values);
    QVERIFY(!window.latentPanel()->originSeed());
    QTRY_VERIFY_WITH_TIMEOUT(window.explorerCanvas()->image() == toQImage(result.image), 20000);
  }

  void cancelStopsEarly() {
    QTemporaryDir dir;
    MainWindow window(nullptr, false);
    auto session = makeTinyStyleSession();
    window.setGenerator(session);
    window.openProjection(writeTarget(dir, *session));
    ProjectionDialog* dialog = window.projectionDialog();
    dialog->stepsBox()->setValue(5000);
    QSignalSpy finished(dialog, &ProjectionDialog::finished);
    dialog->projectButton()->click();
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->cancelButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->curvePoints() > 0, 20000);  // progress reaches the GUI thread meanwhile
    dialog->cancelButton()->click();
    QVERIFY(finished.wait(20000));
    QVERIFY(dialog->runner()->result().cancelled);
    QVERIFY(dialog->runner()->result().steps_done < 5000);
    QVERIFY2(dialog->summary().startsWith("Cancelled"), qPrintable(dialog->summary()));
    QVERIFY2(dialog->useButton()->isEnabled(), "what was reached can still be used");
  }

  void badImagesAndNoGeneratorAreClearErrors() {
    QTemporaryDir dir;
    MainWindow window(nullptr, false);
    window.openProjection();
    QVERIFY2(window.errorText().contains("open a generator first"), qPrintable(window.errorText()));
    QVERIFY(!window.projectionDialog());
    window.setGenerator(makeTinyGeneratorSession());
    const QString broken = dir.filePath("broken.jpg");
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a picture");
    f.close();
    window.openPath(broken);  // a picture without a recipe opens the dialog
    ProjectionDialog* dialog = window.projectionDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->imagePath(), broken);
    QSignalSpy finished(dialog, &ProjectionDialog::finished);
    dialog->projectButton()->click();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.front().front().toBool(), false);
    QVERIFY2(dialog->summary().contains("broken.jpg: "), qPrintable(dialog->summary()));
    QVERIFY(!dialog->useButton()->isEnabled());
  }
};

QTEST_MAIN(ProjectionTest)
#include "projection_test.moc"

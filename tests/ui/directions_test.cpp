// The explorer's Directions tab: directions arrive off the GUI thread for DCGAN (SeFa, in z) and style generators
// (GANSpace, in w, with a layer range); moving a slider re-renders the explorer with exactly the edited latent or
// w, Reset returns the original image, the samples grid shows the same edit on every cell, and an exported image
// is the edited one and no longer claims its seed; a latent-walk export is an animation carrying the edit.
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/widgets/core_types.h"
#include "ui/explore/directions_box.h"
#include "explore/generator_session.h"
#include "export/animation_export.h"
#include "export/png_export.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/export/export_actions.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

// Shows the window on `session` and waits for its directions (the caller returns if this failed).
void openAndWaitForDirections(MainWindow& window, std::shared_ptr<GeneratorSession> session) {
  window.show();
  window.setGenerator(std::move(session));
  DirectionsBox* box = window.directionsBox();
  QTRY_VERIFY_WITH_TIMEOUT(!box->isComputing() && !box->directions().empty(), 20000);
}

}  // namespace

class DirectionsUiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void dcganSliderMovesZAndResetRestores() {
    MainWindow window(nullptr, false);
    auto session = makeTinyGeneratorSession();
    openAndWaitForDirections(window, session);
    if (QTest::currentTestFailed()) return;
    DirectionsBox* box = window.directionsBox();
    QCOMPARE(window.explorerControlTabs()->tabText(2), QString("Directions"));
    QCOMPARE(box->directions().space, LatentDirections::Space::Z);
    QVERIFY(box->slider(0)->isEnabled());
    const std::vector<float> z = window.latentPanel()->latent();
    const QImage plain = toQImage(session->render(z));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), plain, 10000);

    QSignalSpy changed(box, &DirectionsBox::changed);
    box->slider(0)->setValue(int(2.5 * DirectionsBox::kScale));
    QCOMPARE(changed.count(), 1);
    std::vector<float> moved = z;
    for (size_t k = 0; k < z.size(); ++k) moved[k] += 2.5f * box->directions().vectors[0][k];
    const QImage edited = toQImage(session->render(moved));
    QVERIFY(edited != plain);
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), edited, 10000);
    QVERIFY(window.explorerCanvas()->caption().contains("edited"));
    // The latent panel's own latent is untouched: the edit is applied on top.
    QCOMPARE(window.latentPanel()->latent(), z);

    // The exported image is the edited one and records its seed and the edit (what ganscope-cli takes back).
    QTemporaryDir dir;
    const QString path = dir.filePath("edited.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportCurrentImage(path);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QCOMPARE(readPng(path.toStdString()).pixels == session->render(moved).pixels, true);
    QString seed, latent, directions;
    for (const auto& [key, value] : readPngText(path.toStdString())) {
      if (key == "Seed") seed = QString::fromStdString(value);
      if (key == "Latent") latent = QString::fromStdString(value);
      if (key == "Directions") directions = QString::fromStdString(value);
    }
    QCOMPARE(seed, QString::number(window.latentPanel()->seed()));
    QVERIFY(latent.isEmpty());  // the seed's own latent
    QVERIFY2(directions.startsWith("0:+2.5 ("), qPrintable(directions));

    // The next checkpoint of the same network keeps the edit; a different network starts from zero, and so does
    // another generator of the same shape that the user opens.
    QSignalSpy ready(box, &DirectionsBox::directionsReady);
    window.setGenerator(makeTinyGeneratorSession(), /*continues_run=*/true);
    QVERIFY(ready.wait(20000));
    QCOMPARE(box->slider(0)->value(), int(2.5 * DirectionsBox::kScale));
    QCOMPARE(box->edit().amounts.at(0), 2.5f);
    window.setGenerator(makeTinyGeneratorSession());
    QVERIFY(ready.wait(20000));
    QCOMPARE(box->slider(0)->value(), 0);
    QVERIFY(box->edit().isZero());
    box->slider(0)->setValue(int(2.5 * DirectionsBox::kScale));
    window.setGenerator(makeTinyStyleSession());
    QVERIFY(ready.wait(20000));
    QCOMPARE(box->slider(0)->value(), 0);
    QVERIFY(box->edit().isZero());
    window.setGenerator(session);
    QVERIFY(ready.wait(20000));
    box->slider(0)->setValue(int(2.5 * DirectionsBox::kScale));

    box->findChild<QPushButton*>()->click();  // Reset directions
    QCOMPARE(box->slider(0)->value(), 0);
    QVERIFY(box->edit().isZero());
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), plain, 10000);
  }

  void latentWalkExportIsAnAnimationWithTheEdits() {
    MainWindow window(nullptr, false);
    auto session = makeTinyGeneratorSession();
    openAndWaitForDirections(window, session);
    if (QTest::currentTestFailed()) return;
    DirectionsBox* box = window.directionsBox();
    box->slider(0)->setValue(int(1.5 * DirectionsBox::kScale));
    QTemporaryDir dir;
    const QString path = dir.filePath("walk.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportLatentWalk(path, {3, 4});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(done.first().at(1).toString().isEmpty(), qPrintable(done.first().at(1).toString()));
    // The first frame is seed 3 with the edit, upscaled to at least 256 px; 2 seeds x 48 frames, looping.
    std::vector<float> first = session->latentForSeed(3);
    for (size_t k = 0; k < first.size(); ++k) first[k] += 1.5f * box->directions().vectors[0][k];
    const int scale = (256 + session->config().resolution - 1) / session->config().resolution;
    QCOMPARE(readPng(path.toStdString()).pixels == upscaleNearest(session->render(first), scale).pixels, true);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const int actl = bytes.indexOf("acTL");
    QVERIFY(actl > 0);
    const auto* frames = reinterpret_cast<const unsigned char*>(bytes.constData() + actl + 4);
    QCOMPARE((frames[0] << 24) | (frames[1] << 16) | (frames[2] << 8) | frames[3], 2 * ExportActions::kWalkFramesPerSeed);
    QString walk, recorded;
    for (const auto& [key, value] : readPngText(path.toStdString())) {
      if (key == "Latent walk") walk = QString::fromStdString(value);
      if (key == "Directions") recorded = QString::fromStdString(value);
    }
    QVERIFY2(walk.contains("seeds 3,4"), qPrintable(walk));
    QVERIFY2(recorded.startsWith("0:+1.5 (SeFa"), qPrintable(recorded));
  }

  void gridShowsTheEditOnEveryCell() {
    MainWindow window(nullptr, false);
    auto session = makeTinyGeneratorSession();
    openAndWaitForDirections(window, session);
    if (QTest::currentTestFailed()) return;
    auto* tabs = window.findChild<QTabWidget*>();
    tabs->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(!window.samplesCanvas()->image().isNull(), 10000);
    const QImage plain_grid = window.samplesCanvas()->image();
    // Edits while the samples tab is hidden are rendered when it comes back.
    tabs->setCurrentIndex(0);
    window.directionsBox()->slider(1)->setValue(int(-3 * DirectionsBox::kScale));
    tabs->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(window.samplesCanvas()->image() != plain_grid, 10000);
    QVERIFY(window.samplesCanvas()->caption().contains("explorer's edits"));
  }

  void styleDirectionsEditWOverALayerRange() {
    MainWindow window(nullptr, false);
    auto session = makeTinyStyleSession();
    openAndWaitForDirections(window, session);
    if (QTest::currentTestFailed()) return;
    DirectionsBox* box = window.directionsBox();
    QCOMPARE(box->directions().space, LatentDirections::Space::W);
    const int layers = int(session->styleLayerResolutions().size());
    QCOMPARE(box->firstLayerBox()->count(), layers);
    QCOMPARE(box->lastLayerBox()->currentIndex(), layers - 1);
    // The first layer past the last drags the last along.
    box->firstLayerBox()->setCurrentIndex(3);
    box->lastLayerBox()->setCurrentIndex(1);
    QCOMPARE(box->firstLayerBox()->currentIndex(), 1);
    box->lastLayerBox()->setCurrentIndex(2);
    box->slider(0)->setValue(int(2 * DirectionsBox::kScale));
    const DirectionEdit edit = box->edit();
    QCOMPARE(edit.first_layer, 1);
    QCOMPARE(edit.last_layer, 2);
    const std::vector<float> z = window.latentPanel()->latent();
    std::vector<float> z_copy = z;
    StyleControls expected;
    applyDirections(box->directions(), edit, z_copy, expected, layers, session->wDim());
    QCOMPARE(z_copy, z);  // w edits leave z alone
    const QImage edited = toQImage(session->render(z, 1.0f, expected));
    QVERIFY(edited != toQImage(session->render(z)));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorerCanvas()->image(), edited, 10000);

    // A sweep video of direction 1 around this edit: 72 frames, starting at the edited image, recorded.
    QTemporaryDir dir;
    const QString path = dir.filePath("sweep.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportDirectionSweep(path, 1);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(done.first().at(1).toString().isEmpty(), qPrintable(done.first().at(1).toString()));
    const int scale = (256 + session->config().resolution - 1) / session->config().resolution;
    QCOMPARE(readPng(path.toStdString()).pixels == upscaleNearest(session->render(z, 1.0f, expected), scale).pixels, true);
    QString recorded;
    for (const auto& [key, value] : readPngText(path.toStdString()))
      if (key == "Directions") recorded = QString::fromStdString(value);
    QVERIFY2(recorded.startsWith("direction 1 swept +-3 sigma on top of 0:+2@1-2 (GANSpace"), qPrintable(recorded));
  }
};

QTEST_MAIN(DirectionsUiTest)
#include "directions_test.moc"

// Every exported file's recipe renders that file again: edits made in the app (a hand-moved latent, truncation,
// a direction edit, style controls) are exported, the recipe the PNG records is given to ganscope-cli sample,
// and the CLI's image is identical pixel for pixel; opening the PNG as a recipe restores the explorer to it.
#include <QCheckBox>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include "explore/generator_session.h"
#include "export/png_export.h"
#include "ui/explore/directions_box.h"
#include "ui/explore/latent_panel.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/export/export_actions.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"
#include "util/image.h"

using namespace gs;

namespace {

std::map<std::string, std::string> recipeOf(const QString& png) {
  const PngText text = readPngText(png.toStdString());
  return {text.begin(), text.end()};
}

// Opens `file` in the window and waits for its generator and its edit directions.
bool openAndWait(MainWindow& window, const QString& file) {
  QSignalSpy changed(&window, &MainWindow::generatorChanged);
  window.openCheckpoint(file);
  if (!changed.wait(20000)) return false;
  DirectionsBox* box = window.directionsBox();
  QElapsedTimer t;
  t.start();
  while ((box->isComputing() || box->directions().empty()) && t.elapsed() < 20000) QTest::qWait(20);
  return !box->directions().empty();
}

// ganscope-cli sample with the recipe's fields as its flags; returns the image it wrote.
ImageU8 renderWithCli(const QString& checkpoint, std::map<std::string, std::string> r, const QString& out_dir) {
  QStringList args{"sample", "--checkpoint", checkpoint, "--out-dir", out_dir, "--truncation",
                   QString::fromStdString(r["Truncation"])};
  if (r.count("Latent")) args << "--latent" << QString::fromStdString(r["Latent"]);
  else args << "--seed" << QString::fromStdString(r["Seed"]) << "--n" << "1";
  if (r.count("Directions")) args << "--directions" << QString::fromStdString(r["Directions"]);
  if (r.count("Style controls")) args << "--style" << QString::fromStdString(r["Style controls"]);
  QProcess cli;
  cli.start(GANSCOPE_CLI_PATH, args);
  if (!cli.waitForFinished(60000) || cli.exitCode() != 0) {
    qWarning("cli failed: %s", cli.readAllStandardError().constData());
    return {};
  }
  return readPng(QDir(out_dir).filePath("sample_0000.png").toStdString());
}

}  // namespace

class RecipeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void dcganEditedLatentRendersAgainInTheCli() {
    QTemporaryDir dir;
    const QString file = dir.filePath("tiny.gsgen");
    writeTinyGeneratorFile(file, /*style=*/false);
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(openAndWait(window, file));
    // Hand-move two dimensions of seed 3's latent, lower psi, and add a direction edit.
    window.latentPanel()->setSeed(3);
    std::vector<float> z = window.latentPanel()->latent();
    z[0] += 0.731f;
    z[5] -= 1.25f;
    window.latentPanel()->setLatent(z);
    window.latentPanel()->setTruncation(0.7f);
    window.directionsBox()->slider(1)->setValue(int(-1.5 * DirectionsBox::kScale));

    const QString png = dir.filePath("edited.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportCurrentImage(png);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    auto r = recipeOf(png);
    QCOMPARE(r["Step"], std::string("1234"));
    QCOMPARE(r["Checkpoint"], std::string("tiny.gsgen"));
    QVERIFY(!r["Model fingerprint"].empty());
    QVERIFY(r.count("Latent"));
    const ImageU8 exported = readPng(png.toStdString());
    const ImageU8 again = renderWithCli(file, r, dir.filePath("cli"));
    QVERIFY(!again.pixels.empty());
    QVERIFY(again.pixels == exported.pixels);

    // Opening the PNG as a recipe brings the explorer back to that image after other edits.
    window.directionsBox()->reset();
    window.latentPanel()->setTruncation(1.0f);
    window.latentPanel()->setSeed(9);
    window.openRecipe(png);
    QVERIFY(window.errorText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(window.explorerCanvas()->image() == toQImage(exported), 20000);
  }

  void styleControlsRenderAgainInTheCli() {
    QTemporaryDir dir;
    const QString file = dir.filePath("style.gsgen");
    writeTinyGeneratorFile(file, /*style=*/true);
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(openAndWait(window, file));
    window.latentPanel()->setSeed(11);
    StyleLayerPanel* style = window.styleLayerPanel();
    style->seedBBox()->setValue(4);
    style->fromBSwitch(0)->setChecked(true);
    style->noiseSlider(2)->setValue(30);
    window.directionsBox()->slider(0)->setValue(int(2 * DirectionsBox::kScale));

    const QString png = dir.filePath("styled.png");
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exports()->exportCurrentImage(png);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    auto r = recipeOf(png);
    QCOMPARE(r["Seed"], std::string("11"));
    QVERIFY(r.count("Style controls"));
    QVERIFY(r.count("Directions"));
    const ImageU8 exported = readPng(png.toStdString());
    const ImageU8 again = renderWithCli(file, r, dir.filePath("cli"));
    QVERIFY(!again.pixels.empty());
    QVERIFY(again.pixels == exported.pixels);

    style->reset();
    window.directionsBox()->reset();
    window.latentPanel()->setSeed(2);
    window.openRecipe(png);
    QVERIFY(window.errorText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(window.explorerCanvas()->image() == toQImage(exported), 20000);
    QVERIFY(style->fromBSwitch(0)->isChecked());
  }

  void aPngWithoutARecipeIsAClearError() {
    QTemporaryDir dir;
    const QString file = dir.filePath("tiny.gsgen");
    writeTinyGeneratorFile(file, false);
    MainWindow window(nullptr, false);
    QVERIFY(openAndWait(window, file));
    const QString plain = dir.filePath("plain.png");
    ImageU8 image;
    image.width = image.height = 4;
    image.channels = 3;
    image.pixels.assign(48, 100);
    writePng(plain.toStdString(), image, {});
    window.openPath(plain);
    QVERIFY2(window.errorText().contains("plain.png") && window.errorText().contains("no GANscope recipe"),
             qPrintable(window.errorText()));
  }
};

QTEST_MAIN(RecipeTest)
#include "recipe_test.moc"

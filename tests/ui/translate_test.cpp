// The Image to image tab: a pix2pix checkpoint opened from the window lands in the tab; drawing on the sketch pad
// and opening a photo both render an output off the GUI thread; the export carries the AI-generated label and
// the recipe; a run trains from the window; a latent model's checkpoint or a damaged image is refused with the
// reason.
#include <QCheckBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "data/paired_dataset.h"
#include "export/png_export.h"
#include "training/pix2pix_trainer.h"
#include "tiny_run_config.h"
#include "ui/training/charts_panel.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/translate/sketch_pad.h"
#include "ui/widgets/image_canvas.h"
#include "ui/translate/translate_panel.h"
#include "ui/translate/translation_service.h"
#include "ui/widgets/core_types.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"
#include "util/atomic_file.h"

using namespace gs;

namespace {

// A pix2pix edges model of 32 px, widths 8, trained for one step on two pairs, saved at `path`.
void writeTinyPix2Pix(const QString& path) {
  TrainConfig c;
  c.model.kind = ModelKind::Pix2Pix;
  c.data.pairs = PairSource::Edges;
  c.model.resolution = c.data.resolution = 32;
  c.model.g_width = c.model.d_width = 8;
  c.batch = 2;
  c.device = "cpu";
  c.optim.ema_kimg = 0;
  c.optim.augment = AugmentKind::None;
  PairedDataset d;
  d.a = ImageDataset::fromPixels(std::vector<uint8_t>(2 * 32 * 32, 200), 2, 1, 32);
  d.b = ImageDataset::fromPixels(std::vector<uint8_t>(2 * 32 * 32 * 3, 90), 2, 3, 32);
  Pix2PixTrainer t(c, d);
  t.step();
  t.save(path.toStdString());
}

}  // namespace

class TranslateUiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    QVERIFY(dir_.isValid());
    writeTinyPix2Pix(dir_.filePath("p2p.gsck"));
  }

  void drawingAndPhotosRenderAnOutputAndExportIt() {
    MainWindow window(nullptr, false);
    window.resize(1100, 700);
    window.show();
    window.openCheckpoint(dir_.filePath("p2p.gsck"));
    TranslatePanel* panel = window.translatePanel();
    QCOMPARE(window.centreTabs()->currentWidget(), panel);
    QVERIFY(panel->hasModel());
    QVERIFY(panel->edgesFromPhoto()->isEnabled());  // an edges model

    // A stroke on the sketch pad renders an output; what the model saw has the stroke in it.
    QSignalSpy shown(panel, &TranslatePanel::outputShown);
    SketchPad* pad = panel->sketchPad();
    QTest::mousePress(pad, Qt::LeftButton, {}, QPoint(pad->width() / 4, pad->height() / 2));
    for (int x = pad->width() / 4; x < 3 * pad->width() / 4; x += 10)
      QTest::mouseMove(pad, QPoint(x, pad->height() / 2));
    QTest::mouseRelease(pad, Qt::LeftButton, {}, QPoint(3 * pad->width() / 4, pad->height() / 2));
    // The newest request's result (the blank pad's, asked for when the model loaded, may arrive first).
    QTRY_VERIFY_WITH_TIMEOUT(panel->service()->shownStamp() == panel->service()->requestedStamp(), 10000);
    QVERIFY(!shown.isEmpty());
    QCOMPARE(panel->output().size(), QSize(32, 32));
    const QImage seen = panel->modelInput().convertToFormat(QImage::Format_Grayscale8);
    int dark = 0;
    for (int x = 0; x < 32; ++x) dark += std::min(seen.pixelColor(x, 15).value(), seen.pixelColor(x, 16).value()) < 200;
    QVERIFY2(dark >= 12, qPrintable(QString("only %1 dark pixels along the stroke").arg(dark)));

    // A photo: its edges are detected (the box ticks itself) and the output follows.
    const QString photo = dir_.filePath("photo.png");
    writeTinyImageFolder(dir_.filePath("photos"), 1);
    const QString first = QDir(dir_.filePath("photos")).entryList({"*.png"}).front();
    QFile::copy(dir_.filePath("photos/" + first), photo);
    shown.clear();
    QVERIFY(panel->openImage(photo));
    QVERIFY(panel->edgesFromPhoto()->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(panel->service()->shownStamp() == panel->service()->requestedStamp(), 10000);
    QVERIFY(!shown.isEmpty());

    // Export: the AI label and the recipe, with the photo's fingerprint.
    const QString out = dir_.filePath("out.png");
    QVERIFY(panel->exportTo(out));
    const PngText text = readPngText(out.toStdString());
    QCOMPARE(QString::fromStdString(pngTextValue(text, "AI-generated")), QString("true"));
    QCOMPARE(QString::fromStdString(pngTextValue(text, "Input")), QString("photo.png"));
    QCOMPARE(QString::fromStdString(pngTextValue(text, "Direction")), QString("edges -> image"));
    QCOMPARE(QString::fromStdString(pngTextValue(text, "Input fingerprint")),
             QString::fromStdString(readTranslationInput(photo.toStdString()).fingerprint));
    QCOMPARE(readPng(out.toStdString()).width, 32);

    // For looking at it by hand: GANSCOPE_TRANSLATE_SCREENSHOT=file.png (under xvfb for real fonts).
    if (const QString shot = qEnvironmentVariable("GANSCOPE_TRANSLATE_SCREENSHOT"); !shot.isEmpty())
      QVERIFY(window.grab().save(shot));
  }

  void trainsFromTheWindow() {
    // A pix2pix run started from the Training panel: L1 on the charts, input | output | target grids in the
    // Samples tab, and its checkpoints loaded into the Image to image tab (without switching to it).
    MainWindow window(nullptr, false);
    window.show();
    writeTinyImageFolder(dir_.filePath("images"), 12);
    window.openImageFolder(dir_.filePath("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    TrainConfig c = tinyRunConfig(6);
    c.model.kind = ModelKind::Pix2Pix;
    c.data.pairs = PairSource::Edges;
    c.optim.ema_kimg = 0;
    c.optim.augment = AugmentKind::None;
    c.batch = 4;
    c.log_every = 1;
    c.sample_every = c.checkpoint_every = 3;
    c.grid_size = 2;
    c.threads = 1;
    window.trainingPanel()->setConfig(c);
    QVERIFY(window.trainingPanel()->config().data.pairs == PairSource::Edges);
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    window.runs()->startTraining(dir_.filePath("run"));
    QVERIFY(finished.wait(90000));
    QVERIFY2(finished.last().at(3).toString().isEmpty(), qPrintable(finished.last().at(3).toString()));
    QCOMPARE(finished.last().at(0).toLongLong(), qint64(6));
    window.chartsPanel()->refreshNow();
    QCOMPARE(window.chartsPanel()->drawnPoints(Metric::L1), 6);
    QCOMPARE(window.samplesCanvas()->image().width(), 3 * 32 + 4 * 2);  // input | output | target
    QTRY_VERIFY_WITH_TIMEOUT(window.translatePanel()->hasModel(), 10000);
    QVERIFY(window.centreTabs()->currentWidget() != window.translatePanel());
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
  }

  void badModelsAndImagesAreRefusedWithTheReason() {
    TranslatePanel panel;
    writeTinyGeneratorFile(dir_.filePath("dcgan.gsgen"), false);
    QVERIFY(!panel.loadModel(dir_.filePath("dcgan.gsgen")));
    QVERIFY2(panel.statusText().contains("translate needs an image-to-image"), qPrintable(panel.statusText()));
    QVERIFY(!panel.hasModel());
    writeFileAtomic(dir_.filePath("broken.png").toStdString(), "\x89PNG\r\n\x1a\n no more");
    QVERIFY(!panel.openImage(dir_.filePath("broken.png")));
    QVERIFY2(panel.statusText().contains("broken.png"), qPrintable(panel.statusText()));
    QVERIFY(!panel.exportTo(dir_.filePath("nothing.png")));
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TranslateUiTest)
#include "translate_test.moc"

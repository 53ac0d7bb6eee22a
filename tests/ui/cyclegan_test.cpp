// CycleGAN in the desktop app: the Training panel's model choice brings least squares and the domain B field,
// a run from two folders draws the cycle and identity curves and round-trip grids, and the Image to image tab
// translates either way with the round trip A -> B -> A beside the output; the export names the direction.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "data/unpaired_dataset.h"
#include "export/png_export.h"
#include "tiny_run_config.h"
#include "training/cyclegan_trainer.h"
#include "ui/training/charts_panel.h"
#include "ui/training/domain_b_field.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/translate/translate_panel.h"
#include "ui/translate/translation_service.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

TrainConfig tinyCycleGan(int64_t steps) {
  TrainConfig c = tinyRunConfig(steps);
  c.model.kind = ModelKind::CycleGan;
  c.optim = defaultOptim(ModelKind::CycleGan, 32);
  c.data.path_b = "b";  // the domain B folder (the trainer is handed the images)
  c.batch = 2;
  c.threads = 1;
  return c;
}

// A CycleGAN of 32 px, widths 8, trained for one step on grey A and dark-blue B images, saved at `path`.
void writeTinyCycleGan(const QString& path) {
  UnpairedDataset d;
  d.a = ImageDataset::fromPixels(std::vector<uint8_t>(2 * 32 * 32 * 3, 200), 2, 3, 32, "a");
  std::vector<uint8_t> blue(3 * 32 * 32 * 3, 40);
  for (size_t i = 2; i < blue.size(); i += 3) blue[i] = 220;
  d.b = ImageDataset::fromPixels(blue, 3, 3, 32, "b");
  d.name_a = "grey";
  d.name_b = "blue";
  CycleGanTrainer t(tinyCycleGan(1), d);
  t.step();
  t.save(path.toStdString());
}

}  // namespace

class CycleGanUiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    QVERIFY(dir_.isValid());
  }

  void choosingCycleGanBringsItsLossAndDomainB() {
    TrainingPanel panel;
    auto* model = panel.findChildren<QComboBox*>().front();
    QVERIFY(!panel.domainB()->isEnabled());
    model->setCurrentIndex(model->findData(int(ModelKind::CycleGan)));
    QCOMPARE(int(panel.config().model.kind), int(ModelKind::CycleGan));
    QCOMPARE(int(panel.config().optim.loss), int(LossKind::LeastSquares));
    QCOMPARE(panel.config().optim.ema_kimg, 0.0);
    QVERIFY(panel.domainB()->isEnabled());
    panel.domainB()->folderEdit()->setText("/data/boots");
    panel.domainB()->classAEdit()->setText(" Sneaker ");
    QCOMPARE(QString::fromStdString(panel.config().data.path_b), QString("/data/boots"));
    QCOMPARE(QString::fromStdString(panel.config().data.class_a), QString("Sneaker"));
    panel.setRunning(true);
    QVERIFY(!panel.domainB()->isEnabled());
    panel.setRunning(false);
    QVERIFY(panel.domainB()->isEnabled());
    // Back to DCGAN: its own loss again, and domain B no longer applies.
    model->setCurrentIndex(model->findData(int(ModelKind::Dcgan)));
    QCOMPARE(int(panel.config().optim.loss), int(LossKind::NonSaturating));
    QVERIFY(!panel.domainB()->isEnabled());
  }

  void translatesBothWaysWithTheRoundTrip() {
    writeTinyCycleGan(dir_.filePath("cycle.gsck"));
    writeTinyImageFolder(dir_.filePath("photos"), 1);
    const QString photo = dir_.filePath("photos/" + QDir(dir_.filePath("photos")).entryList({"*.png"}).front());
    TranslatePanel panel;
    panel.resize(1000, 500);
    panel.show();
    QVERIFY(panel.loadModel(dir_.filePath("cycle.gsck")));
    QVERIFY(panel.direction()->isEnabled());
    QVERIFY(!panel.edgesFromPhoto()->isEnabled());
    QVERIFY(panel.openImage(photo));
    QTRY_VERIFY_WITH_TIMEOUT(panel.service()->shownStamp() == panel.service()->requestedStamp(), 10000);
    QCOMPARE(panel.output().size(), QSize(32, 32));
    QCOMPARE(panel.roundTrip().size(), QSize(32, 32));
    QVERIFY(!panel.reverse());

    // B -> A: a new translation, and the export's recipe says which way it went.
    const quint64 before = panel.service()->requestedStamp();
    panel.direction()->setCurrentIndex(1);
    QVERIFY(panel.reverse());
    QVERIFY(panel.service()->requestedStamp() > before);
    QTRY_VERIFY_WITH_TIMEOUT(panel.service()->shownStamp() == panel.service()->requestedStamp(), 10000);
    const QString out = dir_.filePath("b2a.png");
    QVERIFY(panel.exportTo(out));
    const PngText text = readPngText(out.toStdString());
    QCOMPARE(QString::fromStdString(pngTextValue(text, "AI-generated")), QString("true"));
    const QString direction = QString::fromStdString(pngTextValue(text, "Direction"));
    QVERIFY2(direction.startsWith("B -> A"), qPrintable(direction));

    // A failed open leaves the loaded model in place.
    QVERIFY(!panel.loadModel(dir_.filePath("missing.gsck")));
    QVERIFY(panel.hasModel());  // the CycleGAN stays loaded after a failed open
  }

  void trainsFromTheWindowOnTwoFolders() {
    MainWindow window(nullptr, false);
    window.show();
    writeTinyImageFolder(dir_.filePath("a"), 6);
    writeTinyImageFolder(dir_.filePath("b"), 5);
    window.openImageFolder(dir_.filePath("a"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading(), 20000);
    TrainConfig c = tinyCycleGan(4);
    c.data.path_b = dir_.filePath("b").toStdString();
    c.log_every = 1;
    c.sample_every = c.checkpoint_every = 2;
    c.grid_size = 2;
    window.trainingPanel()->setConfig(c);
    QCOMPARE(window.trainingPanel()->domainB()->folderEdit()->text(), dir_.filePath("b"));
    QSignalSpy finished(window.training(), &TrainingController::runFinished);
    window.runs()->startTraining(dir_.filePath("run"));
    QVERIFY(finished.wait(90000));
    QVERIFY2(finished.last().at(3).toString().isEmpty(), qPrintable(finished.last().at(3).toString()));
    QCOMPARE(finished.last().at(0).toLongLong(), qint64(4));
    window.chartsPanel()->refreshNow();
    QCOMPARE(window.chartsPanel()->drawnPoints(Metric::Cycle), 4);
    QCOMPARE(window.chartsPanel()->drawnPoints(Metric::Identity), 4);
    QCOMPARE(window.chartsPanel()->drawnPoints(Metric::L1), 0);
    // input | translated | round trip, one row of A and one of B.
    QCOMPARE(window.samplesCanvas()->image().width(), 3 * 32 + 4 * 2);
    QTRY_VERIFY_WITH_TIMEOUT(window.translatePanel()->hasModel(), 10000);
    QVERIFY(window.translatePanel()->direction()->isEnabled());
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
    if (const QString shot = qEnvironmentVariable("GANSCOPE_CYCLEGAN_SCREENSHOT"); !shot.isEmpty())
      QVERIFY(window.grab().save(shot));
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(CycleGanUiTest)
#include "cyclegan_test.moc"

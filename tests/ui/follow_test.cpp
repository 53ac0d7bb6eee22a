// Following a run another process writes: attaching clears what the previous run left on screen (its progress,
// its grid) and the explorer opens the followed run's generator from the snapshot written with each sample grid,
// before the run has any checkpoint.
#include <QDir>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "explore/generator_session.h"
#include "tiny_run_config.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "ui/training/run_actions.h"
#include "ui/training/training_panel.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

class FollowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void explorerOpensTheSnapshotBeforeAnyCheckpoint() {
    QTemporaryDir dir;
    writeTinyImageFolder(dir.filePath("data"), 16);
    const std::string run = dir.filePath("run").toStdString();
    TrainConfig config = tinyRunConfig(6, dir.filePath("data").toStdString());
    config.sample_every = 3;
    config.log_every = 1;
    const RunResult r = trainRun(config, run, false, {});
    QCOMPARE(r.steps_done, int64_t(6));
    // As if the run had not reached its first checkpoint yet: only grids and their snapshot exist.
    for (const auto& c : listCheckpoints(run)) std::filesystem::remove(c);
    QCOMPARE(listSnapshots(run).size(), size_t(1));

    MainWindow window(nullptr, false);
    window.show();
    // What a previous run left on screen.
    auto previous = makeTinyGeneratorSession();
    window.setGenerator(previous);
    window.samplesCanvas()->setImage(QImage(64, 64, QImage::Format_RGB32));
    StepStats s;
    s.step = 900;
    window.trainingPanel()->showStep(s, 1000);

    QSignalSpy changed(&window, &MainWindow::generatorChanged);
    QVERIFY(window.runs()->attachRun(QString::fromStdString(run)));
    auto* progress = window.trainingPanel()->findChild<QProgressBar*>();
    QVERIFY(progress->value() != 900);
    // The followed run's generator arrives from its snapshot: step 6, no checkpoint needed.
    QTRY_VERIFY_WITH_TIMEOUT(window.generator() && window.generator() != previous, 20000);
    QCOMPARE(window.generator()->step(), int64_t(6));
    // Its newest grid (8 x 8 cells of 32 px, 2 px apart), not the one left on screen.
    QTRY_COMPARE_WITH_TIMEOUT(window.samplesCanvas()->image().width(), 8 * 32 + 9 * 2, 20000);
    QVERIFY(window.samplesCanvas()->caption().contains("step 6"));
    QTRY_COMPARE_WITH_TIMEOUT(progress->value(), 6, 20000);                       // and its progress
    QCOMPARE(progress->maximum(), 6);
  }
};

QTEST_MAIN(FollowTest)
#include "follow_test.moc"

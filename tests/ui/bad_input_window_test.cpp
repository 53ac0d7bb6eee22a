// The app shows bad input as an error naming the file and keeps running: damaged, empty and foreign files
// opened as checkpoints, a folder with no usable image, a run folder whose config.json has wrong types, and a
// path that does not exist; afterwards a good folder still opens. Saves a screenshot when GANSCOPE_SHOT_DIR is set.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "reliability/bad_corpus.h"
#include "tiny_run_config.h"
#include "ui/training/data_panel.h"
#include "ui/window/main_window.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "ui_test_support.h"
#include "util/atomic_file.h"

using namespace gs;

class BadInputWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateSettings();
    QVERIFY(dir_.isValid());
    writeTinyImageFolder(path("images"), 8);
    TrainConfig c = tinyRunConfig(1, path("images").toStdString());
    c.checkpoint_every = 1;
    c.threads = 1;
    trainRun(c, path("run").toStdString(), false, {});
    checkpoint_ = readFile(RunPaths{path("run").toStdString()}.checkpointFile(1));
  }

  void badFilesShowAnErrorAndTheWindowKeepsRunning() {
    MainWindow window(nullptr, false);
    window.resize(1280, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    write("cut.gsck", checkpoint_.substr(0, checkpoint_.size() / 3));
    write("empty.gsck", "");
    write("photo.gsck", corpus::goodPng());
    QDir().mkpath(path("junk"));
    write("junk/a.png", "not a png");
    write("junk/b.jpg", "");
    QDir().mkpath(path("badrun/checkpoints"));
    write("badrun/config.json", R"({"batch": "many"})");
    write("badrun/metrics.jsonl", "{\"step\": 1, \"g_loss\": 0.");
    const std::vector<std::pair<QString, QString>> cases = {
        {path("cut.gsck"), "truncated"},
        {path("empty.gsck"), "empty"},
        {path("photo.gsck"), "not a GANscope checkpoint"},
        {path("junk"), "no usable"},
        {path("badrun"), "config.json: config: field 'batch' has the wrong type"},
        {path("missing.gsck"), "does not exist"},
    };
    for (const auto& [file, problem] : cases) {
      window.openPath(file);
      QTRY_VERIFY2_WITH_TIMEOUT(window.errorText().contains(problem) && window.errorText().contains(file),
                                qPrintable(file + " -> " + window.errorText()), 20000);
      QVERIFY(window.isVisible());
    }
    shot(window, "bad_input_window.png");

    // Still running: a good folder loads and clears the error.
    window.openPath(path("images"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isLoading() && window.dataPanel()->summary().images_used == 8,
                             20000);
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
  }

 private:
  QString path(const QString& name) const { return dir_.filePath(name); }
  void write(const QString& name, const std::string& bytes) {
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), qint64(bytes.size()));
  }
  static void shot(QWidget& w, const QString& name) {
    const QString dir = qEnvironmentVariable("GANSCOPE_SHOT_DIR");
    if (!dir.isEmpty()) w.grab().save(QDir(dir).filePath(name));
  }

  QTemporaryDir dir_;
  std::string checkpoint_;
};

QTEST_MAIN(BadInputWindowTest)
#include "bad_input_window_test.moc"

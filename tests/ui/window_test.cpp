// The window opens without a generator, shows errors for bad input without crashing, and exports PNGs that
// carry the metadata.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "explore/generator_session.h"
#include "export/png_export.h"
#include "ui/widgets/image_canvas.h"
#include "ui/training/run_actions.h"
#include "ui/export/export_actions.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {
std::string textValue(const PngText& text, const std::string& key) {
  for (const auto& [k, v] : text)
    if (k == key) return v;
  return {};
}
}  // namespace

class WindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void opensWithPlaceholder() {
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.generator());
    QVERIFY(window.explorerCanvas()->image().isNull());
    QVERIFY(window.errorText().isEmpty());
    // The shipped demo (when the build has one) loads in the background; without it the app still runs.
    MainWindow with_demo(nullptr, true);
    with_demo.show();
    QTest::qWait(50);
  }

  void badFolderShowsError() {
    MainWindow window(nullptr, false);
    window.show();
    window.openImageFolder("/nonexistent/ganscope/folder");
    QTRY_VERIFY_WITH_TIMEOUT(!window.errorText().isEmpty(), 10000);
    QVERIFY2(window.errorText().contains("nonexistent"), qPrintable(window.errorText()));

    // An empty folder and a folder of non-images fail with a message too.
    QTemporaryDir dir;
    QFile junk(dir.filePath("notes.txt"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not an image");
    junk.close();
    window.clearError();
    window.openImageFolder(dir.path());
    QTRY_VERIFY_WITH_TIMEOUT(!window.errorText().isEmpty(), 10000);

    // A damaged checkpoint.
    window.clearError();
    window.openCheckpoint(dir.filePath("notes.txt"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.errorText().isEmpty(), 10000);
    QVERIFY(!window.generator());

    // A folder that is not a run.
    window.clearError();
    QVERIFY(!window.runs()->attachRun(dir.path()));
    QVERIFY(!window.errorText().isEmpty());
    QVERIFY(window.isVisible());
  }

  void exportWritesMetadata() {
    MainWindow window(nullptr, false);
    window.show();
    auto session = makeTinyGeneratorSession();
    window.setGenerator(session);
    QTRY_VERIFY_WITH_TIMEOUT(!window.explorerCanvas()->image().isNull(), 10000);
    QTemporaryDir dir;
    QSignalSpy done(&window, &MainWindow::exportFinished);

    const QString image_path = dir.filePath("image.png");
    window.exports()->exportCurrentImage(image_path);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.last().at(0).toInt(), 1);
    PngText text = readPngText(image_path.toStdString());
    QCOMPARE(textValue(text, "AI-generated"), std::string("true"));
    QCOMPARE(textValue(text, "Model fingerprint"), session->fingerprint());
    QCOMPARE(textValue(text, "Seed"), std::string("0"));
    QVERIFY(!textValue(text, "Truncation").empty());
    const ImageU8 read = readPng(image_path.toStdString());
    QCOMPARE(read.width, 32);

    const QString grid_path = dir.filePath("grid.png");
    window.exports()->exportGrid(grid_path);
    QVERIFY(done.wait(10000));
    text = readPngText(grid_path.toStdString());
    QVERIFY(!textValue(text, "Seeds").empty());
    QCOMPARE(readPng(grid_path.toStdString()).width, 8 * 32 + 9 * 2);

    window.exports()->exportSamples(dir.filePath("many"), 5, 100);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.last().at(0).toInt(), 5);
    const QStringList files = QDir(dir.filePath("many")).entryList({"*.png"}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 5);
    text = readPngText(QDir(dir.filePath("many")).filePath(files.front()).toStdString());
    QCOMPARE(textValue(text, "Seed"), std::string("100"));
    QCOMPARE(textValue(text, "AI-generated"), std::string("true"));
  }

  void exportWithoutGeneratorIsAnError() {
    MainWindow window(nullptr, false);
    window.exports()->exportCurrentImage(QDir::temp().filePath("never.png"));
    QVERIFY(!window.errorText().isEmpty());
  }
};

QTEST_MAIN(WindowTest)
#include "window_test.moc"

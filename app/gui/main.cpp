// ganscope: the desktop app. Usage: ganscope [PATH] [--screenshot FILE [--delay MS] [--tab explorer|samples]]
// PATH may be an image folder, a run folder or a checkpoint. --screenshot saves the window after a delay and
// quits (documentation images, headless checks under xvfb).
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

#include "app_style.h"
#include "main_window.h"
#include "util/process_env.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  QElapsedTimer since_launch;
  since_launch.start();
  QApplication app(argc, argv);
  QApplication::setOrganizationName("GANscope");
  QApplication::setApplicationName("GANscope");
  QApplication::setApplicationVersion("0.1.0");
  gs::applyAppStyle(app);

  QCommandLineParser parser;
  parser.setApplicationDescription("Train and explore GANs");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("path", "Image folder, run folder or checkpoint to open");
  QCommandLineOption screenshot("screenshot", "Save a screenshot of the window to FILE and quit.", "FILE");
  QCommandLineOption delay("delay", "Milliseconds before the screenshot (default 3000).", "MS", "3000");
  QCommandLineOption tab("tab", "Tab to show: explorer or samples.", "NAME", "explorer");
  QCommandLineOption no_demo("no-demo", "Do not open the bundled demo generator.");
  parser.addOptions({screenshot, delay, tab, no_demo});
  parser.process(app);

  gs::MainWindow window(nullptr, !parser.isSet(no_demo));
  if (!parser.positionalArguments().isEmpty()) window.openPath(parser.positionalArguments().front());
  if (parser.value(tab) == "samples") window.findChild<QTabWidget*>()->setCurrentIndex(1);
  window.show();

  // Time to the first interactive frame (the demo generator rendered in the explorer).
  QObject::connect(&window, &gs::MainWindow::generatorChanged, &window, [&] {
    std::fprintf(stderr, "ganscope: generator ready %.0f ms after launch\n", double(since_launch.elapsed()));
  });

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, file] {
      const bool ok = window.grab().save(file);
      std::fprintf(stderr, "ganscope: screenshot %s %s\n", qPrintable(file), ok ? "saved" : "FAILED");
      QApplication::exit(ok ? 0 : 1);
    });
  }
  return app.exec();
}

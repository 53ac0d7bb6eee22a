// ganscope: the desktop app. Usage: ganscope [PATH] [--train-steps N] [--screenshot FILE [--delay MS]
// [--tab explorer|samples|lab|compare|translate|health|charts]] [--lab-run ring|grid] [--renderer auto|vulkan|painter]
// [--compare RUN1,RUN2,... [--compare-axis step|images|time] [--compare-log]] [--project IMAGE]
// [--translate IMAGE [--sketch]]
// PATH may be an image folder, a run folder or a checkpoint. --screenshot saves the window after a delay and
// quits (documentation images, headless checks under xvfb); --train-steps starts training PATH (an image
// folder) with the panel's defaults once it has loaded; --lab-run starts the 2D lab on the ring or the grid;
// --renderer picks what draws the images (Vulkan when a device exists, else QPainter), remembered in settings;
// --project IMAGE runs File > Project image on IMAGE and uses the result in the explorer;
// --compare opens the compare view with those run folders overlaid; --translate IMAGE opens IMAGE in the Image to
// image tab (after PATH, an image-to-image checkpoint, loaded its model there).
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QPushButton>
#include <QRegularExpression>
#include <QDockWidget>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#include "ui/widgets/app_style.h"
#include "ui/training/compare_panel.h"
#include "ui/training/data_panel.h"
#include "ui/explore/projection_dialog.h"
#include "ui/training/run_compare.h"
#include "ui/health/health_lab.h"
#include "ui/lab2d/lab2d_panel.h"
#include "ui/training/run_actions.h"
#include "ui/window/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/translate/translate_panel.h"
#include "util/process_env.h"
#include "ui/widgets/render_backend.h"
#include "ui/widgets/renderer_status.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::failWritesPastFileSizeLimit();
  QElapsedTimer since_launch;
  since_launch.start();
  QApplication app(argc, argv);
  QApplication::setOrganizationName("GANscope");
  QApplication::setApplicationName("GANscope");
  QApplication::setApplicationVersion(GANSCOPE_VERSION);
  QApplication::setWindowIcon(QIcon::fromTheme("ganscope"));  // installed by the .deb (hicolor)
  gs::applyAppStyle(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Train generative adversarial networks on your own images and explore what they learned: live losses and "
      "health, latent sliders, style layers, edit directions, image-to-image models and labelled exports.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("path", "Image folder, run folder or checkpoint to open");
  QCommandLineOption screenshot("screenshot", "Save a screenshot of the window to FILE and quit.", "FILE");
  QCommandLineOption delay("delay", "Milliseconds before the screenshot (default 3000).", "MS", "3000");
  QCommandLineOption tab("tab", "Tab to show: explorer, samples, lab, compare, translate, health (the Health dock) or charts (the training charts, even after "
      "an alarm raised the Health dock).", "NAME", "explorer");
  QCommandLineOption no_demo("no-demo", "Do not open the bundled demo generator.");
  QCommandLineOption train_steps("train-steps", "Start training the image folder PATH for N steps.", "N");
  QCommandLineOption lab_run("lab-run", "Start a 2D lab run on DISTRIBUTION (ring or grid).", "DISTRIBUTION");
  QCommandLineOption renderer("renderer", "What draws the images: auto (Vulkan when a device exists), vulkan or "
      "painter (QPainter). Remembered.", "NAME");
  QCommandLineOption project("project", "Once the generator is ready, find IMAGE in it (File > Project image) and use "
      "the result in the explorer; --screenshot then also saves the dialog as FILE_dialog.png.", "IMAGE");
  QCommandLineOption compare("compare", "Overlay the curves of these run folders (comma-separated) in the Compare "
      "runs tab.", "DIRS");
  QCommandLineOption compare_axis("compare-axis", "x axis of the compare view: step, images or time.", "AXIS", "step");
  QCommandLineOption compare_log("compare-log", "Log scale for losses and gradient norms in the compare view.");
  QCommandLineOption translate("translate", "Open IMAGE in the Image to image tab (PATH: an image-to-image "
      "checkpoint).", "IMAGE");
  QCommandLineOption sketch("sketch", "With --translate: IMAGE is a line drawing (edges models take it as drawn, "
      "without detecting its edges).");
  parser.addOptions({screenshot, delay, tab, no_demo, train_steps, lab_run, renderer, compare, compare_axis, compare_log,
                     project, translate, sketch});
  parser.process(app);

  // The renderer: the one asked for (and remembered), else the remembered one.
  const auto choice = gs::chooseRenderer(parser.value(renderer));
  if (!choice) {
    std::fprintf(stderr, "ganscope: --renderer %s: expected auto, vulkan or painter\n", qPrintable(parser.value(renderer)));
    return 2;
  }
  gs::setRendererChoice(*choice);
  std::fprintf(stderr, "ganscope: renderer %s\n", qPrintable(gs::rendererDescription()));

  gs::MainWindow window(nullptr, !parser.isSet(no_demo));
  if (!parser.positionalArguments().isEmpty()) window.openPath(parser.positionalArguments().front());
  if (parser.isSet(train_steps)) {
    gs::TrainConfig config = window.trainingPanel()->config();
    config.total_steps = parser.value(train_steps).toLongLong();
    config.sample_every = std::max<int64_t>(1, std::min<int64_t>(config.sample_every, config.total_steps / 4));
    window.trainingPanel()->setConfig(config);
    QObject::connect(window.dataPanel(), &gs::DataPanel::loaded, &window, [&window] { window.runs()->startTraining(); },
                     Qt::SingleShotConnection);
  }
  auto* tabs = window.centreTabs();
  auto* lab = window.findChild<gs::Lab2dPanel*>();
  if (parser.value(tab) == "samples") tabs->setCurrentIndex(1);
  if (parser.value(tab) == "compare" || parser.isSet(compare)) tabs->setCurrentIndex(gs::MainWindow::kCompareTab);
  if (parser.isSet(compare)) {
    auto* panel = window.comparePanel();
    for (const QString& dir : parser.value(compare).split(',', Qt::SkipEmptyParts)) panel->runs()->addRun(dir);
    const QString axis = parser.value(compare_axis);
    panel->setAxis(axis == "images" ? gs::CompareAxis::ImagesSeen
                   : axis == "time" ? gs::CompareAxis::WallClock : gs::CompareAxis::Step);
    panel->setLogScale(parser.isSet(compare_log));
  }
  if (parser.value(tab) == "translate" || parser.isSet(translate)) tabs->setCurrentIndex(gs::MainWindow::kTranslateTab);
  if (parser.isSet(translate) && window.translatePanel()->openImage(parser.value(translate)) && parser.isSet(sketch))
    window.translatePanel()->edgesFromPhoto()->setChecked(false);
  if (parser.value(tab) == "health") window.healthLab()->dock()->raise();
  if (parser.value(tab) == "lab" || parser.isSet(lab_run)) tabs->setCurrentWidget(lab);
  if (parser.isSet(lab_run)) {
    lab->selectDistribution(parser.value(lab_run));
    lab->start();
  }
  window.show();

  // Time to the first interactive frame (the demo generator rendered in the explorer).
  QObject::connect(&window, &gs::MainWindow::generatorChanged, &window, [&] {
    std::fprintf(stderr, "ganscope: generator ready %.0f ms after launch\n", double(since_launch.elapsed()));
  });

  if (parser.isSet(project)) {
    const QString image = parser.value(project);
    QObject::connect(&window, &gs::MainWindow::generatorChanged, &window, [&window, image] {
      window.openProjection(image);
      gs::ProjectionDialog* dialog = window.projectionDialog();
      QObject::connect(dialog, &gs::ProjectionDialog::finished, dialog, [dialog](bool ok) {
        if (ok) dialog->useButton()->click();
      });
      dialog->start();
    }, Qt::SingleShotConnection);
  }

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    const QString shown = parser.value(tab);
    QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, file, shown] {
      // An alarm during the delay raises the Health dock; the dock asked for is the one the picture shows.
      if (shown == "charts" || shown == "health")
        window.findChild<QDockWidget*>(shown == "charts" ? "chartsDock" : "healthDock")->raise();
      QApplication::processEvents();
      bool ok = gs::grabWithCanvases(&window).save(file);
      if (gs::ProjectionDialog* dialog = window.projectionDialog()) {
        const QString dialog_file = QString(file).replace(QRegularExpression("\\.png$"), "") + "_dialog.png";
        ok = dialog->grab().save(dialog_file) && ok;
        std::fprintf(stderr, "ganscope: screenshot %s saved\n", qPrintable(dialog_file));
      }
      std::fprintf(stderr, "ganscope: screenshot %s %s\n", qPrintable(file), ok ? "saved" : "FAILED");
      QApplication::exit(ok ? 0 : 1);
    });
  }
  return app.exec();
}

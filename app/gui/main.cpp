#include <QApplication>

#include "main_window.h"
#include "util/process_env.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  QApplication app(argc, argv);
  gs::MainWindow window;
  window.show();
  return app.exec();
}

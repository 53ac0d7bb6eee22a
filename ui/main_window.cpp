#include "main_window.h"

namespace gs {
MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) { setWindowTitle("GANscope"); }
}  // namespace gs

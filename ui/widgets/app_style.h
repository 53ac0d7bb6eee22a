#pragma once
// A calm dark theme (Fusion + palette + a few style-sheet rules) so images and charts read well.
class QApplication;

namespace gs {
void applyAppStyle(QApplication& app);
}  // namespace gs

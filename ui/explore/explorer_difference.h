#pragma once
// The explorer's difference view: a tool bar (Difference on/off; against the unedited frame or interpolation
// point A; opacity) and the reference frames it needs, rendered on a RenderService of its own: the same latent
// without the style-layer and direction edits, or latent A. The explorer canvas draws |frame - reference| as a
// colour-mapped heat overlay (on the GPU with the Vulkan canvas).
#include <QObject>

class QCheckBox;
class QComboBox;
class QSlider;
class QToolBar;

namespace gs {

class MainWindow;
class RenderService;

class ExplorerDifference : public QObject {
  Q_OBJECT
 public:
  enum class Against { Unedited = 0, PointA = 1 };

  explicit ExplorerDifference(MainWindow* window);
  QToolBar* toolBar() const { return bar_; }
  void setEnabled(bool on);
  void setAgainst(Against against);
  void setOpacity(double opacity);  // 0-1

 private:
  void requestReference();  // for the frame the explorer shows now

  MainWindow* window_;
  RenderService* render_;
  QToolBar* bar_;
  QCheckBox* toggle_;
  QComboBox* against_;
  QSlider* opacity_;
};

}  // namespace gs

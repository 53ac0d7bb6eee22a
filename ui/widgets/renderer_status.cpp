#include "ui/widgets/renderer_status.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QStatusBar>

#include "ui/widgets/image_canvas.h"
#include "ui/widgets/render_backend.h"

namespace gs {

void addRendererStatus(QMainWindow* window) {
  auto* label = new QLabel(rendererDescription(), window->statusBar());
  label->setObjectName("rendererLabel");
  label->setToolTip("What draws the Explorer and Samples images (--renderer auto|vulkan|painter)");
  window->statusBar()->addPermanentWidget(label);
  QObject::connect(RendererNotifier::instance(), &RendererNotifier::changed, label,
                   [label] { label->setText(rendererDescription()); });

  QMenu* help = window->menuBar()->addMenu("&Help");
  QAction* about = help->addAction("&About GANscope", window, [window] {
    QMessageBox::about(window, "About GANscope",
                       QString("<b>GANscope %1</b><br>Train and explore GANs.<br><br>Renderer: %2<br>Qt %3")
                           .arg(QApplication::applicationVersion(), rendererDescription().toHtmlEscaped(), qVersion()));
  });
  about->setObjectName("aboutAction");
}

QImage grabWithCanvases(QWidget* window) {
  QImage shot = window->grab().toImage();
  QPainter p(&shot);
  const double dpr = shot.devicePixelRatio();
  for (ImageCanvas* canvas : window->findChildren<ImageCanvas*>()) {
    if (!canvas->drawnByGpu() || !canvas->isVisible() || canvas->image().isNull()) continue;
    const QImage frame = canvas->renderedFrame();
    if (frame.isNull()) continue;
    // The surface covers the canvas from its top left; its frame has device pixels.
    const QPoint at = canvas->mapTo(window, QPoint(0, 0));
    p.drawImage(QRectF(at, QSizeF(frame.size()) / dpr), frame);
  }
  return shot;
}

}  // namespace gs

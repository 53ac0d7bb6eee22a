#pragma once
// Which renderer draws the image canvases: Vulkan when a device exists (the shared instance lives here), else
// QPainter; chosen once at start-up (--renderer auto|vulkan|painter), reported in the status bar and Help > About.
#include <QObject>
#include <QString>

#include <optional>

class QVulkanInstance;

namespace gs {

enum class RendererChoice { Auto, Vulkan, Painter };

std::optional<RendererChoice> parseRendererChoice(const QString& text);  // "auto", "vulkan" or "painter"
QString rendererChoiceName(RendererChoice choice);
// The renderer for this session: `asked` (from --renderer; remembered in QSettings as view/renderer), or the
// remembered one when `asked` is empty (auto if none, or if the setting is damaged). Null when `asked` is not
// one of the names.
std::optional<RendererChoice> chooseRenderer(const QString& asked);
// Set before the first canvas is made; later canvases follow a change too.
void setRendererChoice(RendererChoice choice);
RendererChoice rendererChoice();

// The shared Vulkan instance, created on first use. Null when the choice is Painter, the platform is offscreen,
// or there is no Vulkan driver or device; vulkanUnavailableReason() then says which.
QVulkanInstance* canvasVulkanInstance();
QString vulkanUnavailableReason();
// "Vulkan 1.3, llvmpipe (LLVM 15.0.6, 256 bits)" or "QPainter (no Vulkan device)".
QString rendererDescription();
// A canvas lost its device: every canvas made from now on uses QPainter, and the description says why.
void reportVulkanLost(const QString& why);

// Validation: with GANSCOPE_VULKAN_VALIDATION=1 in the environment and the Khronos layer installed, the instance
// enables it; errors it reports are counted (and printed).
bool vulkanValidationEnabled();
int vulkanValidationErrors();

// Emits changed() when the renderer in use changes (a device lost), so the status bar can follow.
class RendererNotifier : public QObject {
  Q_OBJECT
 public:
  static RendererNotifier* instance();
 Q_SIGNALS:
  void changed();
};

}  // namespace gs

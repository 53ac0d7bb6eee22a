#include "ui/widgets/render_backend.h"

#include <QGuiApplication>
#include <QSettings>
#include <QVulkanFunctions>
#include <QVulkanInstance>

#include <atomic>
#include <cstdio>
#include <vector>

namespace gs {
namespace {

struct BackendState {
  RendererChoice choice = RendererChoice::Auto;
  bool tried = false;               // instance creation attempted
  QVulkanInstance* instance = nullptr;  // never destroyed: it must outlive every window, even at exit
  QString unavailable;              // why there is no instance
  QString device;                   // "Vulkan 1.3, llvmpipe ..."
  bool validation = false;
};

BackendState& state() {
  static BackendState s;
  return s;
}

std::atomic<int> validation_errors{0};

bool countValidationMessage(VkDebugReportFlagsEXT flags, VkDebugReportObjectTypeEXT, uint64_t, size_t, int32_t,
                            const char* layer, const char* message) {
  if (flags & VK_DEBUG_REPORT_ERROR_BIT_EXT) {
    ++validation_errors;
    std::fprintf(stderr, "ganscope: Vulkan validation error [%s] %s\n", layer, message);
  }
  return false;  // let Qt print it too
}

// The first physical device (the one QVulkanWindow uses) as "Vulkan X.Y, name"; empty when there is none.
QString describeFirstDevice(QVulkanInstance* instance) {
  QVulkanFunctions* f = instance->functions();
  uint32_t count = 0;
  if (f->vkEnumeratePhysicalDevices(instance->vkInstance(), &count, nullptr) != VK_SUCCESS || count == 0) return {};
  std::vector<VkPhysicalDevice> devices(count);
  f->vkEnumeratePhysicalDevices(instance->vkInstance(), &count, devices.data());
  VkPhysicalDeviceProperties props{};
  f->vkGetPhysicalDeviceProperties(devices.front(), &props);
  return QString("Vulkan %1.%2, %3")
      .arg(VK_VERSION_MAJOR(props.apiVersion))
      .arg(VK_VERSION_MINOR(props.apiVersion))
      .arg(QString::fromUtf8(props.deviceName));
}

void createInstance(BackendState& s) {
  s.tried = true;
  if (QGuiApplication::platformName() == "offscreen") {
    s.unavailable = "no Vulkan surface on the offscreen platform";
    return;
  }
  auto* instance = new QVulkanInstance;
  s.validation = qEnvironmentVariableIntValue("GANSCOPE_VULKAN_VALIDATION") == 1 &&
                 instance->supportedLayers().contains("VK_LAYER_KHRONOS_validation");
  if (s.validation) {
    instance->setLayers({"VK_LAYER_KHRONOS_validation"});
    instance->installDebugOutputFilter(countValidationMessage);
  }
  if (!instance->create()) {
    s.unavailable = "no Vulkan driver";
    delete instance;
    return;
  }
  s.device = describeFirstDevice(instance);
  if (s.device.isEmpty()) {
    s.unavailable = "no Vulkan device";
    instance->destroy();
    delete instance;
    return;
  }
  s.instance = instance;
}

}  // namespace

std::optional<RendererChoice> parseRendererChoice(const QString& text) {
  if (text == "auto") return RendererChoice::Auto;
  if (text == "vulkan") return RendererChoice::Vulkan;
  if (text == "painter") return RendererChoice::Painter;
  return std::nullopt;
}

QString rendererChoiceName(RendererChoice choice) {
  switch (choice) {
    case RendererChoice::Vulkan: return "vulkan";
    case RendererChoice::Painter: return "painter";
    case RendererChoice::Auto: break;
  }
  return "auto";
}

std::optional<RendererChoice> chooseRenderer(const QString& asked) {
  QSettings settings;
  if (asked.isEmpty())
    return parseRendererChoice(settings.value("view/renderer", "auto").toString()).value_or(RendererChoice::Auto);
  const auto choice = parseRendererChoice(asked);
  if (choice) settings.setValue("view/renderer", asked);
  return choice;
}

void setRendererChoice(RendererChoice choice) {
  state().choice = choice;
  Q_EMIT RendererNotifier::instance()->changed();
}

RendererChoice rendererChoice() { return state().choice; }

QVulkanInstance* canvasVulkanInstance() {
  BackendState& s = state();
  if (s.choice == RendererChoice::Painter) return nullptr;
  if (!s.tried) createInstance(s);
  return s.unavailable.isEmpty() ? s.instance : nullptr;
}

QString vulkanUnavailableReason() {
  const BackendState& s = state();
  if (s.choice == RendererChoice::Painter) return "--renderer painter";
  return s.unavailable;
}

QString rendererDescription() {
  if (QVulkanInstance* instance = canvasVulkanInstance(); instance) return state().device;
  return QString("QPainter (%1)").arg(vulkanUnavailableReason());
}

void reportVulkanLost(const QString& why) {
  BackendState& s = state();
  if (!s.unavailable.isEmpty()) return;
  s.tried = true;
  s.unavailable = why;
  std::fprintf(stderr, "ganscope: %s; drawing with QPainter from now on\n", qPrintable(why));
  Q_EMIT RendererNotifier::instance()->changed();
}

bool vulkanValidationEnabled() { return state().validation; }
int vulkanValidationErrors() { return validation_errors.load(); }

RendererNotifier* RendererNotifier::instance() {
  static RendererNotifier notifier;
  return &notifier;
}

}  // namespace gs

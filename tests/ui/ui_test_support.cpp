#include "ui_test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cmath>

#include "explore/generator_session.h"
#include "export/png_export.h"
#include "models/networks.h"
#include "training/checkpoint.h"

namespace gs {

namespace {

ModelConfig tinyModel(bool style, int latent_dim) {
  ModelConfig config;
  if (style) config.kind = ModelKind::Style;
  config.resolution = 32;
  config.g_width = config.d_width = 8;
  config.latent_dim = latent_dim;
  config.mapping_layers = 2;
  config.channels = 3;
  return config;
}

std::shared_ptr<GeneratorNet> tinyGenerator(const ModelConfig& config) {
  auto generator = makeGenerator(config);
  if (config.kind == ModelKind::Style) {
    at::NoGradGuard no_grad;
    for (auto& p : generator->named_parameters())
      if (p.key().find("noise_strength") != std::string::npos) p.value().fill_(0.3);
  }
  return generator;
}

}  // namespace

std::shared_ptr<GeneratorSession> makeTinyGeneratorSession(int latent_dim) {
  const ModelConfig config = tinyModel(false, latent_dim);
  return GeneratorSession::snapshot(*tinyGenerator(config), config, "tiny test generator");
}

std::shared_ptr<GeneratorSession> makeTinyStyleSession() {
  const ModelConfig config = tinyModel(true, 16);
  return GeneratorSession::snapshot(*tinyGenerator(config), config, "tiny style generator");
}

void writeTinyGeneratorFile(const QString& path, bool style) {
  TrainConfig config;
  config.model = tinyModel(style, 16);
  config.data.resolution = config.model.resolution;
  auto generator = tinyGenerator(config.model);
  generator->eval();
  saveGeneratorFile(path.toStdString(), *generator, config, /*step=*/1234);
}

void writeTinyImageFolder(const QString& dir, int count) {
  QDir().mkpath(dir);
  for (int n = 0; n < count; ++n) {
    ImageU8 image;
    image.width = image.height = 32;
    image.channels = 3;
    image.pixels.resize(32 * 32 * 3);
    const double cx = 8 + (n * 7) % 16, cy = 8 + (n * 5) % 16;
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x) {
        const double d = std::hypot(x - cx, y - cy);
        uint8_t* p = image.row(y) + x * 3;
        p[0] = uint8_t(d < 8 ? 220 : 30);
        p[1] = uint8_t((n * 40) % 256);
        p[2] = uint8_t(std::min(255.0, d * 10));
      }
    writePng(QDir(dir).filePath(QString("img_%1.png").arg(n)).toStdString(), image);
  }
}

void isolateSettings() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("GANscopeTests");
  QCoreApplication::setApplicationName("GANscopeTests");
}

}  // namespace gs

#pragma once
// Fixtures for the UI tests: a tiny random generator, a folder of tiny PNGs, an isolated QSettings.
#include <QString>

#include <memory>

namespace gs {

class GeneratorSession;

// DCGAN at 32 px, widths 8, latent 16: renders in about a millisecond.
std::shared_ptr<GeneratorSession> makeTinyGeneratorSession(int latent_dim = 16);
// Style-based at 32 px (7 synthesis layers), width 8, latent 16, with some learned noise strength.
std::shared_ptr<GeneratorSession> makeTinyStyleSession();
// The same kind of tiny generator (DCGAN, or style-based when `style`) saved as a generator file at step 1234.
void writeTinyGeneratorFile(const QString& path, bool style);
// `count` 32x32 RGB PNGs of coloured blobs in `dir`.
void writeTinyImageFolder(const QString& dir, int count);
// Separate organisation name and test-mode standard paths, so tests never touch the user's settings.
void isolateSettings();

}  // namespace gs

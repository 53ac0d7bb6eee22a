#pragma once
// The File menu's exports and the directions' sweep video: asks what and where (dialogs), builds the export job
// with the explorer's edits, runs it on ExportRunner's worker and shows a progress dialog with an ETA.
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

class QProgressDialog;

namespace gs {

class ChartsPanel;
class DirectionsBox;
class ExplorerController;
class ExportRunner;
class LatentPanel;
class StyleLayerPanel;
class WindowShell;
struct ExportJob;

enum class ExportKind { CurrentImage, Grid, Samples, LatentWalk };

class ExportActions : public QObject {
  Q_OBJECT
 public:
  static constexpr int kWalkFramesPerSeed = 48;  // 2 s per seed at 24 fps, as StyleGAN's interpolation videos
  static constexpr int kWalkFps = 24;

  // The explorer's panels give the latent, truncation, style controls and directions; `charts` the CSV.
  ExportActions(WindowShell& shell, ExplorerController* explorer, ChartsPanel* charts, QObject* parent = nullptr);

  // Asks for what `kind` needs (file, folder, count, seeds), then exports.
  void choose(ExportKind kind);
  void chooseSweep();  // a direction and a file, then exportDirectionSweep
  void chooseCsv();    // the training charts as CSV

  void exportCurrentImage(const QString& path);
  void exportGrid(const QString& path);
  void exportSamples(const QString& folder, int count, uint64_t first_seed);
  // A looping latent walk through `seeds` (.mp4 or animated .png), with the explorer's edits and truncation.
  void exportLatentWalk(const QString& path, const std::vector<uint64_t>& seeds);
  // The explorer image swept along `direction` (+-3 sigma around the current edit), 72 frames.
  void exportDirectionSweep(const QString& path, int direction);

  ExportRunner* runner() const { return runner_; }
  void cancel();

 Q_SIGNALS:
  void finished(int written, const QString& error);

 private:
  bool ready();  // a generator is loaded (else the error is shown)
  // with_edits: apply the explorer's edits to the job first (a sweep carries its own).
  void run(ExportJob job, const QString& what, bool with_edits = true);
  void onProgress(int done, int total);

  WindowShell& shell_;
  ExplorerController* explorer_;
  ChartsPanel* charts_;
  LatentPanel* latent_;
  StyleLayerPanel* style_;
  DirectionsBox* directions_;
  ExportRunner* runner_;
  QProgressDialog* dialog_ = nullptr;
  QElapsedTimer timer_;  // since the running export started (ETA in its dialog)
  QString what_;
};

}  // namespace gs

#pragma once
// The dataset: pick a folder (dialog or drag-and-drop onto the window), decode it in a worker thread with
// progress, then show what was found, used and skipped (click a skipped file for its path and reason), the size
// range, the channel mix and a strip of thumbnails.
#include <QFuture>
#include <QWidget>

#include <atomic>
#include <memory>

#include "data/image_dataset.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace gs {

class DataPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DataPanel(QWidget* parent = nullptr);
  ~DataPanel() override;

  // Starts loading (cancels a load in progress). The preview decodes at `resolution` pixels.
  void openFolder(const QString& path, int resolution = 64);
  QString folder() const { return folder_; }
  bool isLoading() const { return loading_; }
  const DatasetSummary& summary() const { return summary_; }
  // The decoded images (at the preview resolution) of the last completed load, or nullptr.
  std::shared_ptr<const ImageDataset> dataset() const { return dataset_; }
  QListWidget* skippedList() const { return skipped_list_; }
  QString skippedDetail() const;

 Q_SIGNALS:
  void browseRequested();
  void loaded(const QString& folder);
  void loadFailed(const QString& folder, const QString& message);

 private:
  void onProgress(qint64 done, qint64 total, int generation);
  void onLoaded(std::shared_ptr<ImageDataset> dataset, int generation);
  void onFailed(const QString& message, int generation);
  void showSummary();
  void cancelLoad();

  QString folder_;
  DatasetSummary summary_;
  std::shared_ptr<const ImageDataset> dataset_;
  bool loading_ = false;
  int generation_ = 0;  // results of a superseded load are ignored
  std::shared_ptr<std::atomic<bool>> stop_;
  QFuture<void> future_;

  QPushButton* open_button_;
  QLabel* path_label_;
  QProgressBar* progress_;
  QLabel* counts_label_;
  QLabel* sizes_label_;
  QLabel* channels_label_;
  QListWidget* skipped_list_;
  QLabel* skipped_detail_;
  QListWidget* thumbs_;
};

}  // namespace gs

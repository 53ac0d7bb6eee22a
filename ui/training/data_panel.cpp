#include "ui/training/data_panel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/widgets/core_types.h"

namespace gs {

DataPanel::DataPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  open_button_ = new QPushButton("Open image folder\u2026", this);
  path_label_ = new QLabel("Drop a folder of images here", this);
  path_label_->setWordWrap(true);
  path_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  row->addWidget(open_button_);
  layout->addLayout(row);
  layout->addWidget(path_label_);
  progress_ = new QProgressBar(this);
  progress_->setFormat("decoding %v / %m files");
  progress_->hide();
  layout->addWidget(progress_);

  auto* form = new QFormLayout;
  form->setLabelAlignment(Qt::AlignRight);
  counts_label_ = new QLabel("\u2013", this);
  sizes_label_ = new QLabel("\u2013", this);
  channels_label_ = new QLabel("\u2013", this);
  for (QLabel* label : {counts_label_, sizes_label_, channels_label_}) label->setWordWrap(true);
  form->addRow("Images", counts_label_);
  form->addRow("Sizes", sizes_label_);
  form->addRow("Channels", channels_label_);
  layout->addLayout(form);

  skipped_list_ = new QListWidget(this);
  skipped_list_->setMaximumHeight(80);
  skipped_list_->setToolTip("Files that were not used; click one for the reason");
  skipped_list_->hide();
  skipped_detail_ = new QLabel(this);
  skipped_detail_->setWordWrap(true);
  skipped_detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  skipped_detail_->hide();
  layout->addWidget(skipped_list_);
  layout->addWidget(skipped_detail_);

  thumbs_ = new QListWidget(this);
  thumbs_->setViewMode(QListView::IconMode);
  thumbs_->setFlow(QListView::LeftToRight);
  thumbs_->setWrapping(false);
  thumbs_->setIconSize(QSize(48, 48));
  thumbs_->setFixedHeight(70);
  thumbs_->setMovement(QListView::Static);
  thumbs_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  thumbs_->hide();
  layout->addWidget(thumbs_);

  connect(open_button_, &QPushButton::clicked, this, &DataPanel::browseRequested);
  connect(skipped_list_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row < 0 || size_t(row) >= summary_.skipped.size()) return;
    const auto& file = summary_.skipped[size_t(row)];
    skipped_detail_->setText(QString("<b>%1</b><br>%2").arg(QString::fromStdString(file.path).toHtmlEscaped(),
                                                              QString::fromStdString(file.reason).toHtmlEscaped()));
    skipped_detail_->show();
  });
}

DataPanel::~DataPanel() { cancelLoad(); }

void DataPanel::cancelLoad() {
  if (stop_) *stop_ = true;
  future_.waitForFinished();
}

void DataPanel::openFolder(const QString& path, int resolution) {
  cancelLoad();
  folder_ = path;
  loading_ = true;
  const int generation = ++generation_;
  stop_ = std::make_shared<std::atomic<bool>>(false);
  path_label_->setText(path);
  progress_->setRange(0, 0);
  progress_->show();
  counts_label_->setText("loading\u2026");
  DataConfig config;
  config.path = path.toStdString();
  config.resolution = resolution;
  auto stop = stop_;
  QPointer<DataPanel> self(this);
  future_ = QtConcurrent::run([self, config, stop, generation] {
    int64_t last_posted = -1;
    try {
      auto dataset = ImageDataset::load(
          config,
          [&](int64_t done, int64_t total) {
            // At most ~100 progress events per load: the GUI thread must not drown in them.
            if (total > 0 && done != total && done * 100 / total == last_posted) return;
            last_posted = total > 0 ? done * 100 / total : done;
            if (self) QMetaObject::invokeMethod(self, [self, done, total, generation] {
              if (self) self->onProgress(done, total, generation);
            }, Qt::QueuedConnection);
          },
          [stop] { return stop->load(); });
      QMetaObject::invokeMethod(self, [self, dataset, generation] {
        if (self) self->onLoaded(dataset, generation);
      }, Qt::QueuedConnection);
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      QMetaObject::invokeMethod(self, [self, message, generation] {
        if (self) self->onFailed(message, generation);
      }, Qt::QueuedConnection);
    }
  });
}

void DataPanel::onProgress(qint64 done, qint64 total, int generation) {
  if (generation != generation_) return;
  progress_->setRange(0, int(total));
  progress_->setValue(int(done));
}

void DataPanel::onLoaded(std::shared_ptr<ImageDataset> dataset, int generation) {
  if (generation != generation_) return;
  loading_ = false;
  progress_->hide();
  summary_ = dataset->summary();
  dataset_ = dataset;
  showSummary();
  thumbs_->clear();
  for (const auto& thumb : dataset->thumbnails(32)) {
    auto* item = new QListWidgetItem(thumbs_);
    item->setIcon(QPixmap::fromImage(toQImage(thumb).scaled(48, 48, Qt::KeepAspectRatio, Qt::FastTransformation)));
  }
  thumbs_->setVisible(thumbs_->count() > 0);
  Q_EMIT loaded(folder_);
}

void DataPanel::onFailed(const QString& message, int generation) {
  if (generation != generation_) return;
  loading_ = false;
  progress_->hide();
  summary_ = DatasetSummary{};
  counts_label_->setText("not loaded");
  sizes_label_->setText("\u2013");
  channels_label_->setText("\u2013");
  skipped_list_->hide();
  skipped_detail_->hide();
  thumbs_->hide();
  Q_EMIT loadFailed(folder_, message);
}

void DataPanel::showSummary() {
  const auto& s = summary_;
  counts_label_->setText(QString("%1 found \u00B7 %2 used \u00B7 %3 skipped \u00B7 %4 s")
                             .arg(s.files_found)
                             .arg(s.images_used)
                             .arg(s.skipped.size())
                             .arg(s.seconds, 0, 'f', 1) +
                         (s.note.empty() ? QString() : "\n" + QString::fromStdString(s.note)));
  sizes_label_->setText(QString("%1\u00D7%2 to %3\u00D7%4 px")
                            .arg(s.min_width)
                            .arg(s.min_height)
                            .arg(s.max_width)
                            .arg(s.max_height));
  QString mix = QString("%1 gray \u00B7 %2 RGB \u00B7 %3 RGBA").arg(s.gray).arg(s.rgb).arg(s.rgba);
  if (s.high_bit_depth > 0) mix += QString(" \u00B7 %1 16-bit").arg(s.high_bit_depth);
  channels_label_->setText(mix + QString(" \u2192 trains as %1 channel%2").arg(s.channels).arg(s.channels == 1 ? "" : "s"));
  skipped_list_->clear();
  for (const auto& file : s.skipped) {
    auto* item = new QListWidgetItem(QFileInfo(QString::fromStdString(file.path)).fileName() + "  \u2014  " +
                                     QString::fromStdString(file.reason), skipped_list_);
    item->setToolTip(QString::fromStdString(file.path));
  }
  skipped_list_->setVisible(!s.skipped.empty());
  skipped_detail_->hide();
}

QString DataPanel::skippedDetail() const { return skipped_detail_->isHidden() ? QString() : skipped_detail_->text(); }

}  // namespace gs

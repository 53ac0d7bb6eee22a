#include "ui/health/health_lab.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/health/alarm_banner.h"
#include "ui/training/charts_panel.h"
#include "ui/training/data_panel.h"
#include "ui/health/health_panel.h"
#include "ui/health/quality_chart.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/window_shell.h"
#include "training/run_folder.h"
#include "ui/health/memorisation_check.h"
#include "ui/health/nearest_images_dialog.h"
#include "ui/training/run_follower.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"

namespace gs {

QColor HealthLab::groupColor(int i) {
  static const QColor colors[] = {QColor(255, 179, 0),  QColor(0, 229, 255),  QColor(255, 64, 129),
                                  QColor(118, 255, 3),  QColor(255, 61, 0),   QColor(41, 121, 255),
                                  QColor(213, 0, 249),  QColor(255, 255, 255)};
  return colors[size_t(i) % (sizeof colors / sizeof colors[0])];
}

HealthLab::HealthLab(WindowShell& shell, Parts parts, QObject* parent)
    : QObject(parent), shell_(shell), p_(parts), follower_(parts.follower), panel_(new HealthPanel),
      remedies_(new RemedyRunner(parts.training, this)), check_(new MemorisationCheck(this)) {
  last_record_.step = -1;
  TrainingController* training = p_.training;

  // The Health dock shares the bottom area with the training charts, as a second tab.
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(panel_, 1);
  nearest_action_ = new QAction("Nearest training images", this);
  nearest_action_->setToolTip("Memorisation check: the 3 training images closest to the selected sample (the "
                              "clicked grid cell or the explorer image)");
  nearest_action_->setShortcut(QKeySequence("Ctrl+Shift+N"));
  connect(nearest_action_, &QAction::triggered, this, &HealthLab::findNearestOfSelection);
  auto* nearest_button = new QPushButton("Nearest training images…", content);
  nearest_button->setToolTip(nearest_action_->toolTip());
  connect(nearest_button, &QPushButton::clicked, nearest_action_, &QAction::trigger);
  panel_->header()->addWidget(nearest_button);
  dock_ = new QDockWidget("Health", shell.dialogParent());
  dock_->setObjectName("healthDock");
  dock_->setWidget(content);
  shell.addBottomDock(dock_);  // a second tab beside the training charts

  // The amber alarm banner goes right under the red error banner.
  banner_ = new AlarmBanner;
  shell.insertBanner(banner_);
  connect(banner_, &AlarmBanner::remedyChosen, this, [this](const QString& name) { applyRemedy(name); });
  connect(banner_, &AlarmBanner::detailsRequested, this, &HealthLab::raiseDock);

  for (ImageCanvas* canvas : {p_.samples, p_.explorer}) {
    canvas->addAction(nearest_action_);
    canvas->setContextMenuPolicy(Qt::ActionsContextMenu);
  }
  connect(p_.samples, &ImageCanvas::cellClicked, this, [this](int index) {
    selected_ = p_.samples->cellImage(index);
    selected_what_ = QString("grid cell %1").arg(index);
  });
  connect(p_.explorer, &ImageCanvas::frameShown, this, [this] {
    selected_ = p_.explorer->image();
    selected_what_ = "the explorer image";
  });

  connect(training, &TrainingController::runningChanged, this, [this, training](bool running) {
    if (running) showRun(training->lastRunDir());
  });
  connect(training, &TrainingController::healthReady, this, &HealthLab::onHealth);
  connect(training, &TrainingController::alarmRaised, this, &HealthLab::onAlarm);
  connect(training, &TrainingController::qualityReady, panel_->quality(), &QualityChart::addRecord);
  connect(training, &TrainingController::samplesReady, this, [this](const QImage&, qint64 step) { onGrid(step); });
  connect(follower_, &RunFollower::healthReady, this, [this](const HealthRecord& record) {
    showRun(follower_->runDir());
    onHealth(record);
  });
  connect(follower_, &RunFollower::alarmRaised, this, [this](const Alarm& alarm) {
    showRun(follower_->runDir());
    onAlarm(alarm);
  });
  connect(follower_, &RunFollower::healthReset, panel_, &HealthPanel::clearRecords);
  connect(follower_, &RunFollower::qualityReset, panel_->quality(), &QualityChart::clear);
  connect(follower_, &RunFollower::qualityReady, this, [this](const QualityRecord& record) {
    showRun(follower_->runDir());
    panel_->quality()->addRecord(record);
  });
  connect(follower_, &RunFollower::samplesUpdated, this, [this](const QImage&, qint64 step) { onGrid(step); });
  connect(remedies_, &RemedyRunner::starting, this, &HealthLab::onRemedyStarting);
  connect(remedies_, &RemedyRunner::failed, this, [this](const QString& message) { shell_.showError(message); });
  connect(check_, &MemorisationCheck::finished, this, [this](const NearestResult& result) {
    if (dialog_) dialog_->showResult(result);
    Q_EMIT nearestFinished();
  });
}

void HealthLab::showRun(const QString& run_dir) {
  if (run_dir == run_dir_) return;  // the same run continued: keep its history
  run_dir_ = run_dir;
  panel_->clear();
  p_.charts->clearAlarms();
  banner_->dismiss();
  raised_for_collapse_ = false;
  last_record_ = HealthRecord{};
  last_record_.step = -1;
}

void HealthLab::onHealth(const HealthRecord& record) {
  panel_->addRecord(record);
  last_record_ = record;
  applyOutlines();
}

void HealthLab::onAlarm(const Alarm& alarm) {
  panel_->addAlarm(alarm);
  p_.charts->addAlarm(alarm);
  banner_->showAlarm(alarm);
  // The first collapse alarm of a run brings the Health dock forward once: diversity and duplicates are where a
  // collapse shows. Other alarms are marked on the loss charts, which stay in front.
  if (alarm.kind == AlarmKind::ModeCollapse && !raised_for_collapse_) {
    raised_for_collapse_ = true;
    raiseDock();
  }
  shell_.showStatus(QString::fromStdString(formatAlarm(alarm)), 15000);
}

void HealthLab::raiseDock() {
  dock_->show();
  dock_->raise();
}

void HealthLab::onGrid(qint64 step) {
  grid_step_ = step;
  applyOutlines();  // the canvas dropped the old outlines with the old grid
}

void HealthLab::applyOutlines() {
  // Groups index the cells of the grid measured at the same step; an older or newer grid gets none.
  if (last_record_.step != grid_step_) return;
  std::vector<std::pair<int, QColor>> outlines;
  for (size_t g = 0; g < last_record_.duplicate_groups.size(); ++g)
    for (int cell : last_record_.duplicate_groups[g]) outlines.emplace_back(cell, groupColor(int(g)));
  p_.samples->setCellOutlines(std::move(outlines));
}

RemedyRunner::Plan HealthLab::applyRemedy(const QString& name) {
  TrainingController* training = p_.training;
  TrainConfig config;
  QString dir;
  bool ours = false;
  if (training->isRunning() || (!follower_->isAttached() && !training->lastRunDir().isEmpty())) {
    config = training->lastConfig();
    dir = training->lastRunDir();
    ours = true;
  } else if (follower_->isAttached()) {
    dir = follower_->runDir();
    try {
      config = readRunConfig(dir.toStdString());  // its errors name the file
    } catch (const std::exception& e) {
      shell_.showError(QString::fromStdString(e.what()));
      return {};
    }
  } else {
    shell_.showError("No run to apply a remedy to");
    return {};
  }
  const RemedyRunner::Plan plan = remedies_->apply(name, config, dir, ours);
  if (plan.changed) banner_->dismiss();
  shell_.showStatus(plan.message, 20000);
  p_.training_panel->showMessage(plan.message);
  return plan;
}

void HealthLab::onRemedyStarting(const RemedyRunner::Plan& plan) {
  TrainingPanel* panel = p_.training_panel;
  panel->setConfig(plan.config);
  panel->setRunFolder(plan.run_dir);
  panel->setRunning(true);
  panel->showMessage(plan.message);
  if (!plan.continued) {
    // A new run beside the old one: its curves start empty (the old run stays on disk to compare).
    follower_->detach();
    p_.charts->clear();
  }
}

void HealthLab::findNearestOfSelection() {
  if (!dialog_) dialog_ = new NearestImagesDialog(shell_.dialogParent());
  QImage sample = selected_;
  QString what = selected_what_;
  if (sample.isNull()) {
    sample = p_.explorer->image();
    what = "the explorer image";
  }
  dialog_->showBusy(what);
  check_->start(p_.data->dataset(), sample, 3);
}

}  // namespace gs

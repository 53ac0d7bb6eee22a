#include "ui/health/alarm_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "metrics/remedies.h"

namespace gs {

AlarmBanner::AlarmBanner(QWidget* parent) : QFrame(parent) {
  setObjectName("alarmBanner");
  // Amber, unlike the red error banner: the run is still going, something needs a look.
  setStyleSheet("#alarmBanner { background: #5c4300; border: 1px solid #ffb300; border-radius: 4px; }"
                "#alarmBanner QLabel { color: #ffe9b0; }"
                "#alarmBanner QPushButton { background: #ffb300; color: #1d1600; border: none; border-radius: 3px;"
                " padding: 3px 10px; font-weight: 600; }"
                "#alarmBanner QPushButton:hover { background: #ffca4d; }"
                "#alarmBanner QToolButton#showHealth { color: #ffe9b0; border: 1px solid #ffb300;"
                " border-radius: 3px; padding: 2px 8px; }");
  // Message across the full width on top, remedies in a row beneath: side by side, the buttons squeeze the
  // message into a narrow column.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(8, 4, 4, 6);
  outer->setSpacing(4);
  auto* layout = new QHBoxLayout;
  icon_ = new QLabel("\u26A0", this);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  buttons_row_ = new QHBoxLayout;
  buttons_row_->setSpacing(4);
  auto* close = new QToolButton(this);
  close->setText("\u2715");
  close->setToolTip("Dismiss (the alarm stays marked on the Health chart)");
  layout->addWidget(icon_);
  layout->addWidget(message_, 1);
  layout->addWidget(close, 0, Qt::AlignTop);
  outer->addLayout(layout);
  buttons_row_->addSpacing(20);  // line the buttons up with the message, past the icon
  buttons_row_->addStretch(1);    // buttons go before it, so they stay on the left
  auto* details = new QToolButton(this);
  details->setObjectName("showHealth");
  details->setText("Show health charts");
  details->setToolTip("Raise the Health dock: diversity, duplicates and support over time, with this alarm marked");
  buttons_row_->addWidget(details);
  outer->addLayout(buttons_row_);
  connect(close, &QToolButton::clicked, this, &AlarmBanner::dismiss);
  connect(details, &QToolButton::clicked, this, &AlarmBanner::detailsRequested);
  hide();
}

QString AlarmBanner::remedyLabel(const QString& name) {
  const std::string n = name.toStdString();
  if (n == kRemedyWganGp) return "Switch to WGAN-GP";
  if (n == kRemedySpectralNorm) return "Spectral norm";
  if (n == kRemedyMinibatchStd) return "Minibatch std-dev";
  if (n == kRemedyLowerLrD) return "Lower D learning rate";
  if (n == kRemedyLowerLr) return "Lower learning rates";
  if (n == kRemedyNonSaturating) return "Non-saturating loss";
  if (n == kRemedyRollback) return "Roll back";
  if (n == kRemedyAda) return "Turn on ADA";
  return name;
}

void AlarmBanner::showAlarm(const Alarm& alarm) {
  for (auto* b : buttons_) b->deleteLater();
  buttons_.clear();
  const QString kind = QString::fromStdString(toString(alarm.kind));
  message_->setText(QString("<b>%1</b> at step %2: %3").arg(kind.toHtmlEscaped()).arg(alarm.step)
                        .arg(QString::fromStdString(alarm.message).toHtmlEscaped()));
  for (const std::string& remedy : alarm.remedies) {
    // A NaN alarm has already rolled back by itself: no button for that.
    if (remedy == kRemedyRollback) continue;
    const QString name = QString::fromStdString(remedy);
    auto* button = new QPushButton(remedyLabel(name), this);
    button->setObjectName("remedy-" + name);
    connect(button, &QPushButton::clicked, this, [this, name] { Q_EMIT remedyChosen(name); });
    buttons_row_->insertWidget(buttons_row_->count() - 1, button);
    buttons_.append(button);
  }
  show();
}

void AlarmBanner::dismiss() { hide(); }

QString AlarmBanner::text() const { return isHidden() ? QString() : message_->text(); }

}  // namespace gs

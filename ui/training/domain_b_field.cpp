#include "ui/training/domain_b_field.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace gs {

DomainBField::DomainBField(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setHorizontalSpacing(4);
  grid->setVerticalSpacing(2);
  folder_ = new QLineEdit(this);
  folder_->setPlaceholderText("folder of domain B images");
  folder_->setToolTip("CycleGAN learns A -> B and B -> A from two unpaired folders: the opened folder is A, this one "
                      "is B");
  browse_ = new QToolButton(this);
  browse_->setText("\u2026");
  browse_->setToolTip("Choose the domain B folder");
  class_a_ = new QLineEdit(this);
  class_a_->setPlaceholderText("class A");
  class_b_ = new QLineEdit(this);
  class_b_->setPlaceholderText("class B");
  const QString split = "Or split one labelled folder by class (subfolder names, or Fashion-MNIST's \"Sneaker\", "
                        "\"Ankle boot\", ...): class A is domain A, class B domain B";
  class_a_->setToolTip(split);
  class_b_->setToolTip(split);
  grid->addWidget(folder_, 0, 0, 1, 3);
  grid->addWidget(browse_, 0, 3);
  grid->addWidget(class_a_, 1, 0);
  grid->addWidget(new QLabel("\u2194", this), 1, 1);
  grid->addWidget(class_b_, 1, 2, 1, 2);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(2, 1);

  connect(browse_, &QToolButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Domain B images", folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });
  for (QLineEdit* edit : {folder_, class_a_, class_b_})
    connect(edit, &QLineEdit::textChanged, this, &DomainBField::edited);
}

void DomainBField::apply(DataConfig& data) const {
  data.path_b = folder_->text().trimmed().toStdString();
  data.class_a = class_a_->text().trimmed().toStdString();
  data.class_b = class_b_->text().trimmed().toStdString();
}

void DomainBField::set(const DataConfig& data) {
  folder_->setText(QString::fromStdString(data.path_b));
  class_a_->setText(QString::fromStdString(data.class_a));
  class_b_->setText(QString::fromStdString(data.class_b));
}

}  // namespace gs

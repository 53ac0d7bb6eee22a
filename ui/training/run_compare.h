#pragma once
// The runs of the compare view: run folders added by the user, each with a colour of its own from the Okabe-Ito
// palette (kept when other runs are removed), shown or hidden, opened in a worker thread and then polled every
// two seconds so that runs still being written keep growing on screen.
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "ui/training/compared_run.h"

class QTimer;

namespace gs {

class RunCompare : public QObject {
  Q_OBJECT
 public:
  explicit RunCompare(QObject* parent = nullptr);
  ~RunCompare() override;

  // Opens `dir` in a worker thread; runsChanged() when it is read. A folder already in the list is not added twice.
  void addRun(const QString& dir);
  // Every run folder `dir` stands for: itself when it is a run, else its run subfolders (one level down).
  static QStringList runFoldersIn(const QString& dir);
  void removeRun(int index);
  void setShown(int index, bool shown);
  void clear();

  int size() const { return int(runs_.size()); }
  const ComparedRun& run(int index) const { return *runs_[size_t(index)]; }
  int loading() const { return int(pending_.size()); }  // folders still being read (listed in the order added)
  void pollNow();

 Q_SIGNALS:
  void runsChanged();  // added, removed, shown or hidden, or new lines read

 private:
  QColor unusedColor() const;

  // A folder being read: its colour is taken when it is added, so colours and order do not depend on which
  // worker finishes first.
  struct Pending {
    QString dir;
    QColor color;
    int64_t order;
  };
  std::vector<std::shared_ptr<ComparedRun>> runs_;
  std::vector<int64_t> order_;  // of runs_, when each was added
  std::vector<Pending> pending_;
  int64_t next_order_ = 0;
  QTimer* timer_;
};

}  // namespace gs

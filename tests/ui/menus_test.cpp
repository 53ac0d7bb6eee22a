// What a new user meets first: every menu reads right (no stray '&' shown, one mnemonic letter per entry and none
// twice in a menu, no shortcut used twice, one per centre tab), the wheel does not edit a setting the user only
// scrolls past, and settings changed from their defaults are marked.
#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QWheelEvent>
#include <QtTest>

#include <map>
#include <set>

#include "ui/training/training_panel.h"
#include "ui/window/main_window.h"
#include "ui_test_support.h"

using namespace gs;

namespace {

// The mnemonic letter of a menu text ('\0' for none); fails on an '&' that is not "&&" and not before a letter.
QChar mnemonicOf(const QString& text, QString* problem) {
  QChar letter;
  for (int i = 0; i < text.size(); ++i) {
    if (text[i] != '&') continue;
    if (i + 1 < text.size() && text[i + 1] == '&') {
      ++i;  // "&&" shows one '&'
      continue;
    }
    if (i + 1 >= text.size() || !text[i + 1].isLetterOrNumber()) {
      *problem = QString("'%1': '&' before '%2' would show as an underline").arg(text, i + 1 < text.size() ? text[i + 1] : QChar(' '));
      return {};
    }
    if (!letter.isNull()) *problem = QString("'%1': two mnemonics").arg(text);
    letter = text[i + 1].toLower();
  }
  return letter;
}

void walk(QMenu* menu, std::map<QString, QString>& shortcuts, QStringList& problems) {
  std::set<QChar> letters;
  for (QAction* action : menu->actions()) {
    if (action->isSeparator()) continue;
    QString problem;
    const QChar letter = mnemonicOf(action->text(), &problem);
    if (!problem.isEmpty()) problems << menu->title() + ": " + problem;
    if (!letter.isNull() && !letters.insert(letter).second)
      problems << QString("%1: mnemonic '%2' used twice ('%3')").arg(menu->title(), letter, action->text());
    for (const QKeySequence& key : action->shortcuts()) {
      const QString k = key.toString();
      if (shortcuts.count(k)) problems << QString("shortcut %1 on '%2' and '%3'").arg(k, shortcuts[k], action->text());
      shortcuts[k] = action->text();
    }
    if (action->menu()) walk(action->menu(), shortcuts, problems);
  }
}

}  // namespace

class MenusTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { isolateSettings(); }

  void everyMenuReadsRight() {
    MainWindow window(nullptr, false);
    std::map<QString, QString> shortcuts;
    QStringList problems;
    std::set<QChar> top;
    for (QAction* menu : window.menuBar()->actions()) {
      QString problem;
      const QChar letter = mnemonicOf(menu->text(), &problem);
      if (!problem.isEmpty()) problems << problem;
      if (!letter.isNull() && !top.insert(letter).second) problems << "menu bar: mnemonic used twice: " + menu->text();
      walk(menu->menu(), shortcuts, problems);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    // The dock with '&' in its title shows it as text.
    bool found = false;
    for (QAction* menu : window.menuBar()->actions())
      for (QAction* action : menu->menu()->actions()) found = found || action->text() == "Data && Training";
    QVERIFY(found);
    // One shortcut per centre tab, and each opens its tab.
    QTabWidget* tabs = window.centreTabs();
    for (int i = 0; i < tabs->count(); ++i) {
      const QString key = QString("Ctrl+%1").arg(i + 1);
      QVERIFY2(shortcuts.count(key), qPrintable("no shortcut " + key + " for tab " + tabs->tabText(i)));
    }
  }

  void wheelOverAnUnfocusedSettingDoesNotChangeIt() {
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSpinBox* batch = nullptr;
    for (auto* box : window.trainingPanel()->findChildren<QSpinBox*>())
      if (box->suffix() == " images") batch = box;
    QVERIFY(batch);
    const int before = batch->value();
    const auto wheel = [batch] {
      const QPointF at(batch->width() / 2.0, batch->height() / 2.0);
      QWheelEvent event(at, batch->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                        Qt::NoScrollPhase, false);
      QApplication::sendEvent(batch, &event);
    };
    wheel();
    QCOMPARE(batch->value(), before);
    QCOMPARE(batch->focusPolicy(), Qt::StrongFocus);
    // Once the user clicks into it, the wheel is for it.
    batch->setFocus();
    QTRY_VERIFY(batch->hasFocus());
    wheel();
    QCOMPARE(batch->value(), before - 1);
  }

  void changedSettingsAreMarked() {
    TrainingPanel panel;
    QSpinBox* batch = nullptr;
    for (auto* box : panel.findChildren<QSpinBox*>())
      if (box->suffix() == " images") batch = box;
    QVERIFY(batch);
    QVERIFY(!batch->property("changed").toBool());
    batch->setValue(batch->value() + 1);
    QVERIFY(batch->property("changed").toBool());
    QVERIFY(batch->toolTip().contains("changed from the default"));
    batch->setValue(batch->value() - 1);
    QVERIFY(!batch->property("changed").toBool());
    // Choosing the style model moves the learning rates to that model's defaults: not marked as changed.
    auto* model = panel.findChildren<QComboBox*>().front();
    model->setCurrentIndex(model->findText("Style-based"));
    QVERIFY(model->property("changed").toBool());
    for (auto* rate : panel.findChildren<QDoubleSpinBox*>())
      if (rate->decimals() == 5) QVERIFY(!rate->property("changed").toBool());
  }

  void augmentSettingReachesTheConfig() {
    TrainingPanel panel;
    QComboBox* augment = nullptr;
    for (auto* box : panel.findChildren<QComboBox*>())
      if (box->findData(int(AugmentKind::DiffAug)) >= 0) augment = box;
    QVERIFY(augment);
    QCOMPARE(int(panel.config().optim.augment), int(AugmentKind::None));  // off unless asked for
    QVERIFY(!augment->property("changed").toBool());
    augment->setCurrentIndex(augment->findData(int(AugmentKind::Ada)));
    QCOMPARE(int(panel.config().optim.augment), int(AugmentKind::Ada));
    QVERIFY(augment->property("changed").toBool());
    TrainConfig c = panel.config();
    c.optim.augment = AugmentKind::None;
    panel.setConfig(c);
    QCOMPARE(augment->currentData().toInt(), int(AugmentKind::None));
    // ADA's target is the model's (no control of its own); a loaded config keeps its own.
    QCOMPARE(panel.config().optim.ada_target, 0.8);
    QVERIFY(panel.config().optim.reuse_fakes);  // likewise G's fakes: D's for DCGAN, new latents for style
    auto* model = panel.findChildren<QComboBox*>().front();
    model->setCurrentIndex(model->findData(int(ModelKind::Style)));
    QCOMPARE(panel.config().optim.ada_target, 0.6);
    QVERIFY(!panel.config().optim.reuse_fakes);
    c.optim.ada_target = 0.7;
    c.optim.reuse_fakes = false;  // a config from before the option
    panel.setConfig(c);
    QCOMPARE(int(panel.config().model.kind), int(ModelKind::Dcgan));
    QCOMPARE(panel.config().optim.ada_target, 0.7);
    QVERIFY(!panel.config().optim.reuse_fakes);
    if (qEnvironmentVariableIsSet("GANSCOPE_PANEL_SHOT")) {
      panel.resize(360, 900);
      panel.grab().save(qEnvironmentVariable("GANSCOPE_PANEL_SHOT"));
    }
  }

  void precisionSettingReachesTheConfig() {
    TrainingPanel panel;
    QComboBox* precision = nullptr;
    for (auto* box : panel.findChildren<QComboBox*>())
      if (box->findData(int(Precision::Bf16)) >= 0 && box->count() == 3 && box->itemText(1) == "fp32")
        precision = box;
    QVERIFY(precision);
    QCOMPARE(int(panel.config().precision), int(Precision::Auto));
    QVERIFY(!precision->property("changed").toBool());
    precision->setCurrentIndex(precision->findData(int(Precision::Bf16)));
    QCOMPARE(int(panel.config().precision), int(Precision::Bf16));
    QVERIFY(precision->property("changed").toBool());
    TrainConfig c = panel.config();
    c.precision = Precision::Fp32;  // a loaded run's choice shows
    panel.setConfig(c);
    QCOMPARE(precision->currentData().toInt(), int(Precision::Fp32));
    // Image-to-image models train in fp32: the choice goes back to auto and is disabled.
    auto* model = panel.findChildren<QComboBox*>().front();
    model->setCurrentIndex(model->findData(int(ModelKind::Pix2Pix)));
    QVERIFY(!precision->isEnabled());
    QCOMPARE(int(panel.config().precision), int(Precision::Auto));
    model->setCurrentIndex(model->findData(int(ModelKind::Style)));
    QVERIFY(precision->isEnabled());
    panel.setRunning(true);
    QVERIFY(!precision->isEnabled());
  }
};

QTEST_MAIN(MenusTest)
#include "menus_test.moc"

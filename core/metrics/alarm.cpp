#include "metrics/alarm.h"

namespace gs {

std::string toString(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::ModeCollapse: return "mode-collapse";
    case AlarmKind::DiscriminatorWins: return "discriminator-wins";
    case AlarmKind::Oscillation: return "oscillation";
    case AlarmKind::NonFinite: return "non-finite";
  }
  return "unknown";
}

std::string formatAlarm(const Alarm& alarm) {
  std::string line = "[step " + std::to_string(alarm.step) + "] " + toString(alarm.kind) + ": " + alarm.message;
  if (!alarm.remedies.empty()) {
    line += " Remedies:";
    for (size_t i = 0; i < alarm.remedies.size(); ++i) line += (i ? ", " : " ") + alarm.remedies[i];
  }
  return line;
}

}  // namespace gs

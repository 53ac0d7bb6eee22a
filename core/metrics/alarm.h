#pragma once
// An alarm the training health monitor raises (mode collapse, discriminator wins, oscillation, non-finite
// numbers): what, when, a sentence to act on and the remedies to offer. Small on purpose: the UI, the CLI and
// the JSONL record include this rather than the whole monitor.
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

enum class AlarmKind { ModeCollapse, DiscriminatorWins, Oscillation, NonFinite };
constexpr int kAlarmKinds = 4;

struct Alarm {
  AlarmKind kind = AlarmKind::ModeCollapse;
  int64_t step = 0;                    // step at which it was raised
  std::string message;                 // one sentence a person can act on
  std::vector<std::string> remedies;   // short names of the standard remedies, best first (see remedies.h)
};

std::string toString(AlarmKind kind);  // "mode-collapse", "discriminator-wins", "oscillation", "non-finite"
// "[step 1200] mode-collapse: <message> Remedies: mbstd, wgan-gp, ..." (one line, for logs and the CLI).
std::string formatAlarm(const Alarm& alarm);

}  // namespace gs

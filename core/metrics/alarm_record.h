#pragma once
// Alarms as JSON lines: a run appends each alarm it raises to RUN/alarms.jsonl, so the desktop app following a
// run that ganscope-cli writes shows the same warnings as one it trains itself. No LibTorch types here.
#include <string>

#include "metrics/alarm.h"

namespace gs {

std::string alarmLine(const Alarm& alarm);  // one JSON object, no newline
// False on a partial or foreign line (out untouched).
bool parseAlarmLine(const std::string& line, Alarm& out);

}  // namespace gs

#include "metrics/alarm_record.h"

#include <nlohmann/json.hpp>

#include "util/json_fields.h"

namespace gs {

std::string alarmLine(const Alarm& a) {
  nlohmann::ordered_json j;
  j["step"] = a.step;
  j["alarm"] = toString(a.kind);
  j["message"] = a.message;
  j["remedies"] = a.remedies;
  return j.dump();
}

bool parseAlarmLine(const std::string& line, Alarm& out) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  auto kind = j.find("alarm");
  if (kind == j.end() || !kind->is_string()) return false;
  Alarm a;
  bool known = false;
  for (int k = 0; k < kAlarmKinds; ++k) {
    if (toString(AlarmKind(k)) == kind->get<std::string>()) {
      a.kind = AlarmKind(k);
      known = true;
    }
  }
  if (!known || !readJsonInteger(j, "step", a.step)) return false;
  auto message = j.find("message");
  if (message != j.end() && message->is_string()) a.message = message->get<std::string>();
  auto remedies = j.find("remedies");
  if (remedies != j.end() && remedies->is_array())
    for (const auto& r : *remedies)
      if (r.is_string()) a.remedies.push_back(r.get<std::string>());
  out = std::move(a);
  return true;
}

}  // namespace gs

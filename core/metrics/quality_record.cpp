#include "metrics/quality_record.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "util/json_fields.h"

namespace gs {

std::string qualityLine(const QualityRecord& r) {
  // "quality" marks the line's kind, so a reader can tell it from a metrics or health line.
  nlohmann::ordered_json j;
  j["step"] = r.step;
  j["quality"] = 1;
  j["swd"] = jsonNumber(r.swd);
  nlohmann::json levels = nlohmann::json::array();
  for (double v : r.swd_levels) levels.push_back(jsonNumber(v));
  j["swd_levels"] = levels;
  j["images"] = r.images;
  j["reference"] = r.reference;
  j["best"] = r.best;
  j["best_step"] = r.best_step;
  j["hint"] = r.hint;
  return j.dump();
}

bool parseQualityLine(const std::string& line, QualityRecord& out) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("quality")) return false;
  QualityRecord r;
  if (!readJsonInteger(j, "step", r.step) || !readJsonNumber(j, "swd", r.swd)) return false;
  if (auto it = j.find("swd_levels"); it != j.end() && it->is_array())
    for (const auto& v : *it) r.swd_levels.push_back(v.is_number() ? v.get<double>() : std::nan(""));
  readJsonInteger(j, "images", r.images);
  readJsonInteger(j, "best_step", r.best_step);
  if (auto it = j.find("reference"); it != j.end() && it->is_string()) r.reference = it->get<std::string>();
  if (auto it = j.find("best"); it != j.end() && it->is_boolean()) r.best = it->get<bool>();
  if (auto it = j.find("hint"); it != j.end() && it->is_string()) r.hint = it->get<std::string>();
  out = r;
  return true;
}

void judgeQuality(const std::vector<QualityRecord>& earlier, QualityRecord& latest, int patience) {
  const QualityRecord* best = nullptr;
  for (const QualityRecord& r : earlier)
    if (std::isfinite(r.swd) && (!best || r.swd < best->swd)) best = &r;
  latest.hint.clear();
  if (!std::isfinite(latest.swd)) {
    latest.best = false;
    latest.best_step = best ? best->step : -1;
    return;
  }
  latest.best = !best || latest.swd < best->swd;
  if (latest.best) {
    latest.best_step = latest.step;
    return;
  }
  latest.best_step = best->step;
  int since_best = 1;  // the latest, plus the earlier records after the best
  for (const QualityRecord& r : earlier)
    if (r.step > best->step) ++since_best;
  char text[256];
  if (latest.swd > 1.25 * best->swd) {
    std::snprintf(text, sizeof text, "Quality is getting worse: SWD %.1f against %.1f at step %lld; "
                  "checkpoints/best.gsck holds the best generator.", latest.swd, best->swd,
                  static_cast<long long>(best->step));
    latest.hint = text;
  } else if (since_best >= patience) {
    std::snprintf(text, sizeof text, "Quality has not improved for %d measurements (best SWD %.1f at step %lld): "
                  "training on may not help; checkpoints/best.gsck holds the best generator.", since_best,
                  best->swd, static_cast<long long>(best->step));
    latest.hint = text;
  }
}

}  // namespace gs

#include "metrics/health_record.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "util/json_fields.h"

namespace gs {
namespace {

using json = nlohmann::json;

json histogramJson(const Histogram& h) { return json{{"lo", h.lo}, {"hi", h.hi}, {"counts", h.counts}}; }

void readHistogram(const json& j, const char* key, Histogram& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return;
  readJsonNumber(*it, "lo", out.lo);
  readJsonNumber(*it, "hi", out.hi);
  auto counts = it->find("counts");
  if (counts != it->end() && counts->is_array()) {
    out.counts.clear();
    for (const json& c : *counts)
      if (c.is_number()) out.counts.push_back(c.get<int64_t>());
  }
}

}  // namespace

std::string healthLine(const HealthRecord& r) {
  // "health" marks the line's kind, so a reader can tell it from a metrics line.
  nlohmann::ordered_json j;
  j["step"] = r.step;
  j["health"] = 1;
  j["pixel_ratio"] = jsonNumber(r.pixel_ratio);
  j["feature_ratio"] = jsonNumber(r.feature_ratio);
  j["pixel_fake"] = jsonNumber(r.pixel_fake);
  j["pixel_real"] = jsonNumber(r.pixel_real);
  j["feature_fake"] = jsonNumber(r.feature_fake);
  j["feature_real"] = jsonNumber(r.feature_real);
  j["duplicate_threshold"] = jsonNumber(r.duplicate_threshold);
  j["duplicate_fraction"] = jsonNumber(r.duplicate_fraction);
  j["duplicate_groups"] = r.duplicate_groups;
  j["birthday"] = {{"batch_size", r.birthday.batch_size}, {"support", jsonNumber(r.birthday.support)},
                   {"lower_bound", r.birthday.lower_bound}, {"trials", r.birthday.trials},
                   {"max_batch", r.birthday.max_batch}};
  j["logistic"] = r.logistic;
  j["d_real_hist"] = histogramJson(r.d_real_hist);
  j["d_fake_hist"] = histogramJson(r.d_fake_hist);
  if (!r.class_share.empty()) {
    j["class_names"] = r.class_names;
    j["class_share"] = r.class_share;
    j["class_flagged"] = r.class_flagged;
    j["class_agreement"] = jsonNumber(r.class_agreement);
    j["class_real_agreement"] = jsonNumber(r.class_real_agreement);
  }
  return j.dump();
}

std::string describeClassCoverage(const HealthRecord& h) {
  if (h.class_share.empty()) return "";
  auto name = [&h](size_t k) { return k < h.class_names.size() ? h.class_names[k] : std::to_string(k); };
  std::string line = "coverage";
  char cell[96];
  for (size_t k = 0; k < h.class_share.size(); ++k) {
    std::snprintf(cell, sizeof cell, "%s %s %.2f", k ? "," : "", name(k).c_str(), h.class_share[k]);
    line += cell;
  }
  std::snprintf(cell, sizeof cell, "; D's features put %.0f%% of held-out reals in their class",
                h.class_real_agreement * 100);
  line += cell;
  if (!h.class_flagged.empty()) {
    line += "; FLAGGED (share < 0.25/K):";
    for (int k : h.class_flagged) line += " " + name(size_t(k));
  }
  return line;
}

bool parseHealthLine(const std::string& line, HealthRecord& out) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("health")) return false;
  HealthRecord r;
  if (!readJsonInteger(j, "step", r.step)) return false;
  readJsonNumber(j, "pixel_ratio", r.pixel_ratio);
  readJsonNumber(j, "feature_ratio", r.feature_ratio);
  readJsonNumber(j, "pixel_fake", r.pixel_fake);
  readJsonNumber(j, "pixel_real", r.pixel_real);
  readJsonNumber(j, "feature_fake", r.feature_fake);
  readJsonNumber(j, "feature_real", r.feature_real);
  readJsonNumber(j, "duplicate_threshold", r.duplicate_threshold);
  readJsonNumber(j, "duplicate_fraction", r.duplicate_fraction);
  auto groups = j.find("duplicate_groups");
  if (groups != j.end() && groups->is_array()) {
    for (const json& g : *groups) {
      if (!g.is_array()) return false;
      std::vector<int> members;
      for (const json& m : g)
        if (m.is_number_integer()) members.push_back(m.get<int>());
      r.duplicate_groups.push_back(std::move(members));
    }
  }
  auto b = j.find("birthday");
  if (b != j.end() && b->is_object()) {
    int64_t v = 0;
    if (readJsonInteger(*b, "batch_size", v)) r.birthday.batch_size = static_cast<int>(v);
    readJsonNumber(*b, "support", r.birthday.support);
    if (b->contains("lower_bound") && (*b)["lower_bound"].is_boolean()) r.birthday.lower_bound = (*b)["lower_bound"];
    if (readJsonInteger(*b, "trials", v)) r.birthday.trials = static_cast<int>(v);
    if (readJsonInteger(*b, "max_batch", v)) r.birthday.max_batch = static_cast<int>(v);
  }
  if (j.contains("logistic") && j["logistic"].is_boolean()) r.logistic = j["logistic"];
  readHistogram(j, "d_real_hist", r.d_real_hist);
  readHistogram(j, "d_fake_hist", r.d_fake_hist);
  if (auto names = j.find("class_names"); names != j.end() && names->is_array())
    for (const json& n : *names)
      if (n.is_string()) r.class_names.push_back(n.get<std::string>());
  if (auto share = j.find("class_share"); share != j.end() && share->is_array())
    for (const json& v : *share)
      if (v.is_number()) r.class_share.push_back(v.get<double>());
  if (auto flagged = j.find("class_flagged"); flagged != j.end() && flagged->is_array())
    for (const json& v : *flagged)
      if (v.is_number_integer()) r.class_flagged.push_back(v.get<int>());
  readJsonNumber(j, "class_agreement", r.class_agreement);
  readJsonNumber(j, "class_real_agreement", r.class_real_agreement);
  out = std::move(r);
  return true;
}

}  // namespace gs

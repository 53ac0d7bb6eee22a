// Fuzz target: the text parsers of run folders and recipes. The first byte picks one: config.json (parse,
// validate, and the round trip toJson -> parse -> toJson must be stable), style-controls JSON, a directions
// recipe ("0:+2.5,3:-1@2-6"), and metrics, health and alarm JSON lines.
#include "config.h"
#include "explore/latent_directions.h"
#include "explore/style_controls.h"
#include "fuzz_target.h"
#include "metrics/alarm_record.h"
#include "metrics/health_record.h"
#include "training/run_folder.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const int mode = data[0] % 6;
  try {
    switch (mode) {
      case 0: {
        const gs::TrainConfig c = gs::trainConfigFromJson(text);
        const std::string once = gs::toJson(c);
        if (gs::toJson(gs::trainConfigFromJson(once)) != once) throw std::logic_error("config round trip changed");
        gs::validate(c);
        break;
      }
      case 1: {
        const gs::StyleControls s = gs::styleControlsFromJson(text);
        gs::styleControlsFromJson(gs::styleControlsToJson(s));
        break;
      }
      case 2: {
        const gs::DirectionEdit e = gs::directionEditFromText(text);
        gs::directionEditFromText(gs::directionEditToText(e));
        break;
      }
      case 3: {
        gs::StepStats s;
        gs::fuzz::outcome(gs::parseMetricsLine(text, s) ? "metrics ok" : "metrics no");
        return 0;
      }
      case 4: {
        gs::HealthRecord r;
        gs::fuzz::outcome(gs::parseHealthLine(text, r) ? "health ok" : "health no");
        return 0;
      }
      case 5: {
        gs::Alarm a;
        gs::fuzz::outcome(gs::parseAlarmLine(text, a) ? "alarm ok" : "alarm no");
        return 0;
      }
    }
    gs::fuzz::outcome("ok " + std::to_string(mode));
  } catch (const gs::GanscopeError& e) {
    gs::fuzz::outcome(std::to_string(mode) + e.what());
  }
  return 0;
}

namespace gs::fuzz {

std::vector<std::string> seeds() {
  StyleControls s;
  s.seed_b = 7;
  s.noise_seed = 3;
  s.layers.resize(2);
  HealthRecord h;
  h.step = 250;
  Alarm a;
  a.step = 12;
  StepStats m;
  m.step = 10;
  return {std::string(1, '\0') + toJson(TrainConfig{}), std::string(1, '\0') + "{\"model\": {\"kind\": \"style\"}}",
          std::string(1, '\1') + styleControlsToJson(s), std::string(1, '\2') + "0:+2.5,3:-1@2-6",
          std::string(1, '\2') + "1:-0.5", std::string(1, '\3') + metricsLine(m),
          std::string(1, '\4') + healthLine(h), std::string(1, '\5') + alarmLine(a)};
}

}  // namespace gs::fuzz

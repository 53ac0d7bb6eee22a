#pragma once
// One quality measurement of a run (sliced Wasserstein distance of the EMA generator's samples against real
// images, lower is better), as plain data: one JSON line per measurement in RUN/quality.jsonl, followed by the
// desktop app and handed to RunCallbacks::on_quality. Also the rule that says when quality stopped improving.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gs {

struct QualityRecord {
  int64_t step = -1;
  double swd = std::numeric_limits<double>::quiet_NaN();  // x 1e3, mean over pyramid levels
  std::vector<double> swd_levels;                         // finest first
  int64_t images = 0;                                     // images compared on each side
  std::string reference;                                  // what the samples were compared with
  bool best = false;                                      // the best so far: checkpoints/best.gsck holds it
  int64_t best_step = -1;                                 // step of the best measurement so far
  std::string hint;                                       // "" or advice: stopped improving, getting worse
};

std::string qualityLine(const QualityRecord& r);                  // one JSON object, no newline
bool parseQualityLine(const std::string& line, QualityRecord& out);  // false on a foreign or partial line

// Fills best, best_step and hint of `latest` from the earlier records of the run (oldest first): best when its
// SWD is lower than every earlier one; a hint once `patience` measurements in a row brought no new best, and when
// the latest is more than 25% worse than the best.
void judgeQuality(const std::vector<QualityRecord>& earlier, QualityRecord& latest, int patience = 3);

}  // namespace gs

#pragma once
// Okabe and Ito's colour-blind-safe palette (Color Universal Design): the hues that stay apart for the common
// colour-vision deficiencies. The 2D lab's layers and the compared runs' curves take their colours from here.
#include <QColor>

#include <array>

namespace gs::okabe_ito {

inline const QColor kOrange(230, 159, 0);
inline const QColor kSkyBlue(86, 180, 233);
inline const QColor kBluishGreen(0, 158, 115);
inline const QColor kYellow(240, 228, 66);
inline const QColor kBlue(0, 114, 178);
inline const QColor kVermillion(213, 94, 0);
inline const QColor kReddishPurple(204, 121, 167);

// The seven hues for a series of items (black left out: the charts are dark), most distinct first.
inline const std::array<QColor, 7>& seriesColors() {
  static const std::array<QColor, 7> colors = {kOrange, kSkyBlue, kBluishGreen, kReddishPurple,
                                               kYellow, kVermillion, kBlue};
  return colors;
}

}  // namespace gs::okabe_ito

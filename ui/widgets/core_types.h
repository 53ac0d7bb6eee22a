#pragma once
// Core structs that travel through queued signals. Registered here, in the UI, so the core stays free of Qt.
#include <QImage>
#include <QMetaType>

#include "metrics/health_record.h"
#include "metrics/alarm.h"
#include "metrics/quality_record.h"
#include "training/step_stats.h"
#include "util/image.h"

Q_DECLARE_METATYPE(gs::StepStats)
Q_DECLARE_METATYPE(gs::HealthRecord)
Q_DECLARE_METATYPE(gs::Alarm)
Q_DECLARE_METATYPE(gs::QualityRecord)

namespace gs {

// Call once before the first queued connection that carries a core struct (MainWindow does it).
void registerCoreMetaTypes();

// Deep copies, so the QImage owns its pixels and can outlive the ImageU8 (gray, RGB or RGBA).
QImage toQImage(const ImageU8& image);
// QImage (any format) to an RGB ImageU8.
ImageU8 fromQImage(const QImage& image);

}  // namespace gs

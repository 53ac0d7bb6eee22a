#pragma once
// The AI-generated label in the form other software reads: an XMP packet with IPTC's DigitalSourceType
// "trainedAlgorithmicMedia" (what photo managers, stock sites and social platforms check to mark AI images),
// xmp:CreatorTool (GANscope and its version) and dc:description (the export's description, then its recipe one
// "Key: value" line each). PNG exports carry it as an iTXt chunk with the keyword "XML:com.adobe.xmp", MP4s as a
// top-level uuid box with XMP's UUID, beside the tEXt / udta text GANscope itself reads back.
#include <string>

#include "export/png_export.h"

namespace gs {

// The IPTC NewsCodes term for media made by a model trained on sampled content.
inline constexpr const char* kTrainedAlgorithmicMedia =
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

// True when `text` says the image is AI-generated (every GANscope export: standardExportText()).
bool labelsAiGenerated(const PngText& text);
// The XMP packet (UTF-8, xpacket-wrapped) for an export carrying `text`.
std::string xmpPacket(const PngText& text);
// The PNG iTXt chunk holding xmpPacket(text), uncompressed.
std::string pngXmpChunk(const PngText& text);
// An MP4 top-level 'uuid' box (XMP's UUID BE7ACFCB-97A9-42E8-9C71-999491E3AFAC) holding xmpPacket(text).
std::string mp4XmpBox(const PngText& text);

}  // namespace gs

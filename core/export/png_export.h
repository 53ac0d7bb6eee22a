#pragma once
// PNG files with text metadata (tEXt chunks): software, model fingerprint, seed or latent, truncation and a
// plain "AI-generated" label, so exported images are marked as synthetic; an export labelled AI-generated also
// carries the label as XMP (IPTC DigitalSourceType, export/xmp_packet.h) in an iTXt chunk, for other software.
#include <string>
#include <utility>
#include <vector>

#include "util/image.h"

namespace gs {

using PngText = std::vector<std::pair<std::string, std::string>>;  // keyword (1-79 Latin-1 chars), text

// The text under `key` ("" when there is none).
std::string pngTextValue(const PngText& text, const std::string& key);
// The keys every GANscope export carries: Software, AI-generated ("true"), Description. Callers add theirs.
PngText standardExportText();
// Encodes gray/RGB/RGBA, inserts the text chunks, writes atomically. Throws GanscopeError naming the path.
void writePng(const std::string& path, const ImageU8& image, const PngText& text = {});
std::string encodePng(const ImageU8& image, const PngText& text = {});
// Reads the tEXt chunks back (for tests and for re-opening an export's recipe). Throws on a non-PNG.
PngText readPngText(const std::string& path);
// Reads the uncompressed iTXt chunks back: ("XML:com.adobe.xmp", packet) for a labelled export.
PngText readPngInternationalText(const std::string& path);
// Decodes a PNG to gray/RGB/RGBA (not BGR). Throws GanscopeError naming the path.
ImageU8 readPng(const std::string& path);

}  // namespace gs

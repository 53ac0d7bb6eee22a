#include "export/xmp_packet.h"

#include "export/byte_chunks.h"

namespace gs {
namespace {

std::string xmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#xA;"; break;
      case '\t': out += "&#x9;"; break;
      default:
        // XML 1.0 has no other control characters; recipes never need them.
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

}  // namespace

bool labelsAiGenerated(const PngText& text) { return pngTextValue(text, "AI-generated") == "true"; }

std::string xmpPacket(const PngText& text) {
  std::string description = pngTextValue(text, "Description");
  for (const auto& [key, value] : text)
    if (key != "Software" && key != "AI-generated" && key != "Description")
      description += (description.empty() ? "" : "\n") + key + ": " + value;
  const std::string tool = pngTextValue(text, "Software");
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\"\n";
  x += "    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n";
  x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
  x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
  x += "    Iptc4xmpExt:DigitalSourceType=\"" + std::string(kTrainedAlgorithmicMedia) + "\"";
  if (!tool.empty()) x += "\n    xmp:CreatorTool=\"" + xmlEscape(tool) + "\"";
  x += ">\n";
  if (!description.empty())
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(description) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
  return x;
}

std::string pngXmpChunk(const PngText& text) {
  // iTXt: keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
  return pngChunk("iTXt", std::string("XML:com.adobe.xmp") + '\0' + '\0' + '\0' + '\0' + '\0' + xmpPacket(text));
}

std::string mp4XmpBox(const PngText& text) {
  static const unsigned char kXmpUuid[16] = {0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8,
                                             0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC};
  const std::string packet = xmpPacket(text);
  std::string box;
  appendBE32(box, static_cast<uint32_t>(8 + 16 + packet.size()));
  box += "uuid";
  box.append(reinterpret_cast<const char*>(kXmpUuid), 16);
  return box + packet;
}

}  // namespace gs

#include "export/animation_export.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

#include "export/byte_chunks.h"
#include "export/xmp_packet.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

std::string extensionOf(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// ---- animated PNG ----------------------------------------------------------------------------------------

class ApngWriter : public AnimationWriter {
 public:
  ApngWriter(std::string path, int fps, PngText text) : AnimationWriter(std::move(path), fps, std::move(text)) {}

  void add(const ImageU8& frame) override {
    checkFrame(frame);
    // Each frame is an ordinary PNG; keep its IHDR (the first one's heads the file) and its IDAT payloads.
    const std::string png = encodePng(frame);
    std::vector<std::string> idats;
    for (size_t pos = 8; pos + 12 <= png.size();) {
      const uint32_t len = readBE32(png, pos);
      const std::string type = png.substr(pos + 4, 4);
      if (type == "IHDR" && ihdr_.empty()) ihdr_ = png.substr(pos + 8, len);
      if (type == "IDAT") idats.push_back(png.substr(pos + 8, len));
      pos += 12 + len;
    }
    frames_data_.push_back(std::move(idats));
    ++frames_;
  }

  void finish() override {
    if (frames_ == 0) throw fileError(path_, "an animation needs at least one frame");
    std::string out("\x89PNG\r\n\x1a\n", 8);
    out += pngChunk("IHDR", ihdr_);
    std::string actl;
    appendBE32(actl, static_cast<uint32_t>(frames_));
    appendBE32(actl, 0);  // loop forever
    out += pngChunk("acTL", actl);
    out += pngMetadataChunks(text_);
    uint32_t sequence = 0;
    for (size_t f = 0; f < frames_data_.size(); ++f) {
      std::string fctl;
      appendBE32(fctl, sequence++);
      appendBE32(fctl, static_cast<uint32_t>(width_));
      appendBE32(fctl, static_cast<uint32_t>(height_));
      appendBE32(fctl, 0);  // x offset
      appendBE32(fctl, 0);  // y offset
      appendBE16(fctl, 1);  // delay: 1 / fps seconds
      appendBE16(fctl, static_cast<uint16_t>(fps_));
      fctl.push_back(0);  // dispose: none
      fctl.push_back(0);  // blend: source
      out += pngChunk("fcTL", fctl);
      for (const std::string& data : frames_data_[f]) {
        if (f == 0) {
          out += pngChunk("IDAT", data);  // the default image is the first frame
        } else {
          std::string fdat;
          appendBE32(fdat, sequence++);
          out += pngChunk("fdAT", fdat + data);
        }
      }
    }
    out += pngChunk("IEND", "");
    writeFileAtomic(path_, out);
  }

 private:
  std::string ihdr_;
  std::vector<std::vector<std::string>> frames_data_;
};

// ---- MP4 ---------------------------------------------------------------------------------------------------

// A QuickTime user-data text atom (©cmt, ©des, ...): 16-bit length, 16-bit language ('und'), text.
std::string udtaText(const char type[4], const std::string& text) {
  std::string body;
  appendBE16(body, static_cast<uint16_t>(std::min<size_t>(text.size(), 0xffff)));
  appendBE16(body, 0x55c4);  // ISO 639-2 "und", packed
  body += text.substr(0, 0xffff);
  std::string atom;
  appendBE32(atom, static_cast<uint32_t>(8 + body.size()));
  atom.append(type, 4);
  return atom + body;
}

// Top-level boxes of an MP4: (offset, size, type). Stops at the first malformed box.
struct Box {
  size_t offset, size;
  std::string type;
};
std::vector<Box> boxes(const std::string& bytes, size_t begin, size_t end) {
  std::vector<Box> out;
  for (size_t pos = begin; pos + 8 <= end;) {
    const size_t size = readBE32(bytes, pos);
    if (size < 8 || pos + size > end) break;  // 64-bit or to-the-end sizes: not needed here
    out.push_back({pos, size, bytes.substr(pos + 4, 4)});
    pos += size;
  }
  return out;
}

const char kComment[4] = {'\xa9', 'c', 'm', 't'};
const char kDescription[4] = {'\xa9', 'd', 'e', 's'};

class Mp4Writer : public AnimationWriter {
 public:
  Mp4Writer(std::string path, int fps, PngText text) : AnimationWriter(std::move(path), fps, std::move(text)) {
    const std::filesystem::path p(path_);
    // FFmpeg picks the container from the extension: the temporary name keeps ".mp4".
    tmp_ = (p.parent_path() / ("." + p.stem().string() + ".part" + std::to_string(std::random_device{}()) + ".mp4"))
               .string();
  }
  ~Mp4Writer() override {
    writer_.release();
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }

  void add(const ImageU8& frame) override {
    checkFrame(frame);
    cv::Mat src(frame.height, frame.width, CV_8UC(frame.channels), const_cast<uint8_t*>(frame.pixels.data()));
    cv::Mat bgr;
    if (frame.channels == 1) {
      cv::cvtColor(src, bgr, cv::COLOR_GRAY2BGR);
    } else if (frame.channels == 3) {
      cv::cvtColor(src, bgr, cv::COLOR_RGB2BGR);
    } else {  // RGBA over white: video has no alpha
      cv::Mat rgba;
      src.convertTo(rgba, CV_32FC4, 1.0 / 255);
      std::vector<cv::Mat> c;
      cv::split(rgba, c);
      for (int i = 0; i < 3; ++i) c[i] = c[i].mul(c[3]) + (1.0 - c[3]);
      cv::Mat rgb;
      cv::merge(std::vector<cv::Mat>{c[2], c[1], c[0]}, rgb);
      rgb.convertTo(bgr, CV_8UC3, 255);
    }
    // MPEG-4 video wants even sizes: repeat the last row or column when odd.
    cv::copyMakeBorder(bgr, bgr, 0, bgr.rows % 2, 0, bgr.cols % 2, cv::BORDER_REPLICATE);
    if (!writer_.isOpened()) {
      writer_.open(tmp_, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), fps_, bgr.size(), true);
      if (!writer_.isOpened())
        throw fileError(path_, "cannot write MP4 video (the folder is not writable, or OpenCV has no FFmpeg "
                               "video backend here; an animated .png needs neither)");
    }
    writer_.write(bgr);
    ++frames_;
  }

  void finish() override {
    if (frames_ == 0) throw fileError(path_, "an animation needs at least one frame");
    writer_.release();
    std::string bytes = readFile(tmp_);
    // FFmpeg writes the moov box last: grow it by a udta box with the label, nothing else moves.
    const std::vector<Box> top = boxes(bytes, 0, bytes.size());
    if (top.empty() || top.back().type != "moov" || top.back().offset + top.back().size != bytes.size())
      throw fileError(path_, "the encoder's MP4 is incomplete or unexpected (moov is not the last box; a full disk "
                             "or a file-size limit cuts it short): nothing written");
    std::string comment, description;
    for (const auto& [key, value] : text_) {
      if (key == "Description") description = value;
      comment += (comment.empty() ? "" : "; ") + key + ": " + value;
    }
    const std::string atoms = udtaText(kComment, comment) + udtaText(kDescription, description);
    const Box moov = top.back();
    // Into moov's udta when it has one (FFmpeg writes the encoder tag there), else a new udta at moov's end.
    // Everything shifted lies inside moov, after the media data, so no sample offset changes.
    std::optional<Box> udta;
    for (const Box& b : boxes(bytes, moov.offset + 8, moov.offset + moov.size))
      if (b.type == "udta") udta = b;
    std::string insert = atoms;
    size_t at = moov.offset + moov.size;
    if (udta) {
      at = udta->offset + udta->size;
      setBE32(bytes, udta->offset, static_cast<uint32_t>(udta->size + atoms.size()));
    } else {
      std::string box;
      appendBE32(box, static_cast<uint32_t>(8 + atoms.size()));
      insert = box + "udta" + atoms;
    }
    setBE32(bytes, moov.offset, static_cast<uint32_t>(moov.size + insert.size()));
    bytes.insert(at, insert);
    // XMP for other software: a top-level uuid box after moov (no offset changes either).
    if (labelsAiGenerated(text_)) bytes += mp4XmpBox(text_);
    writeFileAtomic(path_, bytes);
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }

 private:
  std::string tmp_;
  cv::VideoWriter writer_;
};

}  // namespace

AnimationWriter::AnimationWriter(std::string path, int fps, PngText text)
    : path_(std::move(path)), fps_(fps), text_(std::move(text)) {}
AnimationWriter::~AnimationWriter() = default;

std::unique_ptr<AnimationWriter> AnimationWriter::open(const std::string& path, int fps, PngText text) {
  if (fps < 1 || fps > 120) throw fileError(path, "frame rate must be 1-120 frames per second, got " + std::to_string(fps));
  const std::string ext = extensionOf(path);
  // Fail before any frame is rendered when the folder is not there.
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
    throw fileError(path, "cannot write: the folder " + folder.string() + " does not exist");
  if (ext == ".png" || ext == ".apng") return std::unique_ptr<AnimationWriter>(new ApngWriter(path, fps, std::move(text)));
  if (ext == ".mp4") return std::unique_ptr<AnimationWriter>(new Mp4Writer(path, fps, std::move(text)));
  throw fileError(path, "unknown animation format '" + ext + "' (use .mp4 or .png for an animated PNG)");
}

void AnimationWriter::checkFrame(const ImageU8& frame) {
  if (frame.pixels.size() != static_cast<size_t>(frame.width) * frame.height * frame.channels || frame.width < 1)
    throw fileError(path_, "frame " + std::to_string(frames_) + " has no valid pixels");
  if (frames_ == 0) {
    width_ = frame.width;
    height_ = frame.height;
    channels_ = frame.channels;
  } else if (frame.width != width_ || frame.height != height_ || frame.channels != channels_) {
    throw fileError(path_, "frame " + std::to_string(frames_) + " is " + std::to_string(frame.width) + "x" +
                               std::to_string(frame.height) + "x" + std::to_string(frame.channels) + ", the first was " +
                               std::to_string(width_) + "x" + std::to_string(height_) + "x" + std::to_string(channels_));
  }
}

int videoScale(int resolution) { return std::max(1, (256 + resolution - 1) / std::max(1, resolution)); }

ImageU8 upscaleNearest(const ImageU8& image, int factor) {
  if (factor <= 1) return image;
  ImageU8 out;
  out.width = image.width * factor;
  out.height = image.height * factor;
  out.channels = image.channels;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * out.channels);
  const size_t c = static_cast<size_t>(image.channels);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      std::memcpy(&out.pixels[(static_cast<size_t>(y) * out.width + x) * c],
                  &image.pixels[(static_cast<size_t>(y / factor) * image.width + x / factor) * c], c);
  return out;
}

std::string readMp4Comment(const std::string& path) {
  const std::string bytes = readFile(path);
  for (const Box& moov : boxes(bytes, 0, bytes.size())) {
    if (moov.type != "moov") continue;
    for (const Box& udta : boxes(bytes, moov.offset + 8, moov.offset + moov.size)) {
      if (udta.type != "udta") continue;
      for (const Box& atom : boxes(bytes, udta.offset + 8, udta.offset + udta.size))
        if (atom.type == std::string(kComment, 4) && atom.size >= 12) {
          const size_t len = (static_cast<unsigned char>(bytes[atom.offset + 8]) << 8) |
                             static_cast<unsigned char>(bytes[atom.offset + 9]);
          return bytes.substr(atom.offset + 12, std::min(len, atom.size - 12));
        }
    }
  }
  return {};
}

}  // namespace gs

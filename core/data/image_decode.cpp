#include "data/image_decode.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "data/image_header.h"

namespace gs {
namespace {

DecodedImage skip(std::string reason) {
  DecodedImage d;
  d.skip_reason = std::move(reason);
  return d;
}

// Colour of the background in the working image's channel layout (gray, BGR or BGRA; padding is transparent).
cv::Scalar backgroundScalar(const std::array<int, 3>& rgb, int channels) {
  if (channels == 1) return cv::Scalar(std::lround(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]));
  return cv::Scalar(rgb[2], rgb[1], rgb[0], 0);
}

// BGRA -> BGR over the background: c = (c * a + bg * (255 - a)) / 255, rounded.
cv::Mat composite(const cv::Mat& bgra, const std::array<int, 3>& rgb) {
  cv::Mat out(bgra.rows, bgra.cols, CV_8UC3);
  const int bg[3] = {rgb[2], rgb[1], rgb[0]};
  for (int y = 0; y < bgra.rows; ++y) {
    const uint8_t* s = bgra.ptr<uint8_t>(y);
    uint8_t* d = out.ptr<uint8_t>(y);
    for (int x = 0; x < bgra.cols; ++x, s += 4, d += 3) {
      const int a = s[3];
      for (int c = 0; c < 3; ++c) d[c] = static_cast<uint8_t>((s[c] * a + bg[c] * (255 - a) + 127) / 255);
    }
  }
  return out;
}

// Brings the image to the slot's channel count, still in OpenCV's BGR(A) order.
cv::Mat toSlotChannels(const cv::Mat& image, const SlotFormat& f) {
  const int have = image.channels();
  cv::Mat m = image;
  if (have == 4 && f.channels != 4) m = composite(image, f.background);
  cv::Mat out;
  switch (f.channels) {
    case 1:
      if (m.channels() == 1) return m;
      cv::cvtColor(m, out, cv::COLOR_BGR2GRAY);
      return out;
    case 3:
      if (m.channels() == 3) return m;
      cv::cvtColor(m, out, cv::COLOR_GRAY2BGR);
      return out;
    default:
      if (have == 4) return m;
      cv::cvtColor(m, out, have == 1 ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
      return out;
  }
}

// Square the image according to the aspect policy (stretch leaves it for the resize).
cv::Mat toSquare(const cv::Mat& m, const SlotFormat& f) {
  const int w = m.cols, h = m.rows;
  if (w == h || f.aspect == AspectPolicy::Stretch) return m;
  if (f.aspect == AspectPolicy::CenterCrop) {
    const int side = std::min(w, h);
    return m(cv::Rect((w - side) / 2, (h - side) / 2, side, side));
  }
  const int side = std::max(w, h);
  const int top = (side - h) / 2, left = (side - w) / 2;
  cv::Mat out;
  cv::copyMakeBorder(m, out, top, side - h - top, left, side - w - left, cv::BORDER_CONSTANT,
                     backgroundScalar(f.background, m.channels()));
  return out;
}

cv::Mat resizeTo(const cv::Mat& m, int r) {
  if (m.cols == r && m.rows == r) return m;
  const int interp = (m.cols >= r && m.rows >= r) ? cv::INTER_AREA : cv::INTER_CUBIC;
  cv::Mat out;
  if (m.channels() != 4) {
    cv::resize(m, out, cv::Size(r, r), 0, 0, interp);  // 8-bit results saturate, so cubic overshoot is clamped
    return out;
  }
  // Resize premultiplied colour so fully transparent pixels (often black) don't bleed into the edges.
  cv::Mat f;
  m.convertTo(f, CV_32FC4, 1.0 / 255.0);
  for (int y = 0; y < f.rows; ++y) {
    float* p = f.ptr<float>(y);
    for (int x = 0; x < f.cols; ++x, p += 4) p[0] *= p[3], p[1] *= p[3], p[2] *= p[3];
  }
  cv::Mat rf;
  cv::resize(f, rf, cv::Size(r, r), 0, 0, interp);
  for (int y = 0; y < r; ++y) {
    float* p = rf.ptr<float>(y);
    for (int x = 0; x < r; ++x, p += 4) {
      p[3] = std::min(std::max(p[3], 0.0f), 1.0f);
      const float inv = p[3] > 1e-6f ? 1.0f / p[3] : 0.0f;
      p[0] *= inv, p[1] *= inv, p[2] *= inv;
    }
  }
  rf.convertTo(out, CV_8UC4, 255.0);
  return out;
}

}  // namespace

DecodedImage normaliseDecoded(const cv::Mat& raw) {
  DecodedImage d;
  const int ch = raw.channels();
  if (ch < 1 || ch > 4) return skip("unsupported channel count (" + std::to_string(ch) + ")");
  cv::Mat m;
  switch (raw.depth()) {
    case CV_8U: m = raw; break;
    case CV_16U: raw.convertTo(m, CV_8U, 1.0 / 257.0); break;  // 65535 -> 255 exactly; rounds, never truncates
    case CV_32F:
    case CV_64F: raw.convertTo(m, CV_8U, 255.0); break;          // float images are 0..1
    default: return skip("unsupported pixel type");
  }
  d.high_bit_depth = raw.depth() != CV_8U;
  d.alpha = ch == 2 || ch == 4;
  d.color = ch >= 3;
  if (ch == 2) {  // gray + alpha
    cv::Mat parts[2];
    cv::split(m, parts);
    cv::merge(std::vector<cv::Mat>{parts[0], parts[0], parts[0], parts[1]}, d.image);
  } else {
    d.image = m;
  }
  return d;
}

DecodedImage decodeImageFile(const std::string& path, int64_t max_pixels) {
  std::string fmt = "image";
  try {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) {
      const int err = errno;
      return skip(std::string("unreadable (") + (err == EACCES ? "permission denied" : std::strerror(err)) + ")");
    }
    if (fseeko(f.get(), 0, SEEK_END) != 0) return skip("unreadable (can't seek)");
    const off_t size = ftello(f.get());
    if (size == 0) return skip("zero-byte file");

    // Refuse from the header alone: a 50,000 x 50,000 PNG must not reach the decoder.
    const ImageHeader h = readImageHeader(f.get());
    if (h.format == ImageFormat::Unknown) {
      char magic[4] = {};
      const bool gif = fseeko(f.get(), 0, SEEK_SET) == 0 && std::fread(magic, 1, 4, f.get()) == 4 &&
                       std::memcmp(magic, "GIF8", 4) == 0;
      return skip(gif ? "GIF is not supported (convert it to PNG)" : "not an image (unknown header)");
    }
    fmt = toString(h.format);
    if (!h.valid()) return skip(fmt + " damaged (bad header)");
    const int64_t pixels = int64_t(h.width) * h.height;
    if (pixels > max_pixels) {
      return skip("too large: " + std::to_string(h.width) + " x " + std::to_string(h.height) + " pixels (limit " +
                  std::to_string(max_pixels) + ")");
    }

    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    if (fseeko(f.get(), 0, SEEK_SET) != 0 || std::fread(bytes.data(), 1, bytes.size(), f.get()) != bytes.size()) {
      return skip("unreadable (read failed)");
    }
    f.reset();
    cv::Mat raw = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    if (raw.empty()) return skip(fmt + " damaged (decoder failed)");
    DecodedImage d = normaliseDecoded(raw);
    if (!d.image.empty()) d.high_bit_depth = d.high_bit_depth || h.bit_depth > 8;
    return d;
  } catch (const cv::Exception& e) {
    return skip(fmt + " damaged (decoder error: " + e.err + ")");
  } catch (const std::bad_alloc&) {
    return skip("too large (out of memory while decoding)");
  } catch (const std::exception& e) {
    return skip(std::string("unreadable (") + e.what() + ")");
  }
}

void writeSlot(const cv::Mat& image, const SlotFormat& format, uint8_t* out) {
  const cv::Mat m = resizeTo(toSquare(toSlotChannels(image, format), format), format.resolution);
  const int r = format.resolution;
  cv::Mat dst(r, r, CV_8UC(format.channels), out);
  switch (format.channels) {
    case 1: m.copyTo(dst); break;
    case 3: cv::cvtColor(m, dst, cv::COLOR_BGR2RGB); break;
    default: cv::cvtColor(m, dst, cv::COLOR_BGRA2RGBA); break;
  }
}

}  // namespace gs

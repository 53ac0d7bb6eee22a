#include "bad_corpus.h"

#include <jpeglib.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "export/animation_export.h"
#include "export/byte_chunks.h"
#include "export/png_export.h"
#include "util/atomic_file.h"

namespace gs::corpus {
namespace {

const std::string kPngMagic = "\x89PNG\r\n\x1a\n";

std::string zlibCompress(const std::string& raw) {
  uLongf n = compressBound(raw.size());
  std::string out(n, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(raw.data()), raw.size());
  out.resize(n);
  return out;
}

std::string ihdr(uint32_t w, uint32_t h, int depth, int colour_type) {
  std::string d;
  appendBE32(d, w);
  appendBE32(d, h);
  d += char(depth);
  d += char(colour_type);
  d += std::string(3, '\0');  // compression, filter, interlace
  return pngChunk("IHDR", d);
}

std::string encoded(const std::string& ext, const cv::Mat& m) {
  std::vector<uint8_t> out;
  cv::imencode(ext, m, out);
  return std::string(out.begin(), out.end());
}

}  // namespace

std::string goodPng(int width, int height, int channels) {
  ImageU8 image;
  image.width = width;
  image.height = height;
  image.channels = channels;
  image.pixels.resize(size_t(width) * height * channels);
  for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = uint8_t((i * 37) % 251);
  return encodePng(image);
}

std::string png16Bit() {
  cv::Mat m(20, 20, CV_16UC3);
  cv::randu(m, 0, 65535);
  return encoded(".png", m);
}

std::string palettePng() {
  const int w = 16, h = 16;
  std::string rows;
  for (int y = 0; y < h; ++y) {
    rows += '\0';  // filter: none
    for (int x = 0; x < w; ++x) rows += char((x + y) % 3);
  }
  const std::string plte("\xff\x00\x00\x00\xff\x00\x00\x00\xff", 9);
  return kPngMagic + ihdr(w, h, 8, 3) + pngChunk("PLTE", plte) + pngChunk("IDAT", zlibCompress(rows)) +
         pngChunk("IEND", "");
}

std::string animatedPng() {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("ganscope-apng-" + std::to_string(::getpid()) + ".png")).string();
  auto writer = AnimationWriter::open(path, 10, {});
  for (int f = 0; f < 3; ++f) {
    ImageU8 frame;
    frame.width = frame.height = 16;
    frame.channels = 3;
    frame.pixels.assign(16 * 16 * 3, uint8_t(60 * f));
    writer->add(frame);
  }
  writer->finish();
  std::string bytes = readFile(path);
  std::filesystem::remove(path);
  return bytes;
}

std::string hugeHeaderPng(int width, int height) {
  return kPngMagic + ihdr(uint32_t(width), uint32_t(height), 8, 2) + pngChunk("IDAT", zlibCompress("\0\0\0\0")) +
         pngChunk("IEND", "");
}

std::string damagedPng() {
  // Rebuild the IDAT with garbage in its zlib stream: the chunk CRC is right, the data is not.
  const std::string rows(24 * (1 + 24 * 3), '\x07');
  std::string z = zlibCompress(rows);
  for (size_t i = 2; i < z.size(); i += 3) z[i] = char(z[i] ^ 0x5a);
  return kPngMagic + ihdr(24, 24, 8, 2) + pngChunk("IDAT", z) + pngChunk("IEND", "");
}

std::string cmykJpeg() {
  jpeg_compress_struct c{};
  jpeg_error_mgr err{};
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buffer, &size);
  c.image_width = 16;
  c.image_height = 16;
  c.input_components = 4;
  c.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&c);
  jpeg_set_colorspace(&c, JCS_CMYK);
  jpeg_start_compress(&c, TRUE);
  std::vector<unsigned char> row(16 * 4);
  while (c.next_scanline < c.image_height) {
    for (int x = 0; x < 16; ++x)
      for (int k = 0; k < 4; ++k) row[x * 4 + k] = static_cast<unsigned char>((x * 16 + k * 60 + c.next_scanline) % 256);
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<char*>(buffer), size);
  jpeg_destroy_compress(&c);
  std::free(buffer);
  return out;
}

std::string goodJpeg() {
  cv::Mat m(32, 32, CV_8UC3);
  cv::randu(m, 0, 255);
  return encoded(".jpg", m);
}

std::string imageAs(const std::string& ext, int channels) {
  cv::Mat m(10, 12, CV_8UC(channels));
  cv::randu(m, 0, 255);
  return encoded(ext, m);
}

std::string gif89a() {
  static const unsigned char kGif[] = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00,
                                       0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00,
                                       0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
                                       0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
  return std::string(reinterpret_cast<const char*>(kGif), sizeof kGif);
}

std::string badBmpHeader() {
  std::string b = encoded(".bmp", cv::Mat(8, 8, CV_8UC3, cv::Scalar(1, 2, 3)));
  const int32_t width = -2000000000;  // BITMAPINFOHEADER width at offset 18, little-endian
  std::memcpy(&b[18], &width, 4);
  return b;
}

std::string idx(uint32_t magic, uint32_t count, uint32_t rows, uint32_t cols, size_t data_bytes) {
  std::string out;
  for (uint32_t v : {magic, count, rows, cols}) appendBE32(out, v);
  for (size_t i = 0; i < data_bytes; ++i) out += char(i % 256);
  return out;
}

std::string gzip(const std::string& bytes) {
  z_stream s{};
  deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&s, bytes.size()) + 32, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  s.avail_in = uInt(bytes.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = uInt(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::string withVersion(const std::string& checkpoint, uint32_t version) {
  // "GANSCOPE-CKPT\n" is 14 bytes; then the u32 version, little-endian; the CRC-32 is the last 4 bytes.
  std::string b = checkpoint;
  std::memcpy(&b[14], &version, 4);
  const uint32_t crc = uint32_t(crc32(0, reinterpret_cast<const Bytef*>(b.data()), uInt(b.size() - 4)));
  std::memcpy(&b[b.size() - 4], &crc, 4);
  return b;
}

}  // namespace gs::corpus

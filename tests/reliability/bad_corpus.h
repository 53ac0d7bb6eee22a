#pragma once
// Bytes of unusual and damaged files for the bad-input corpus, the fuzz seeds and the UI test, generated here
// (nothing checked in): images in every odd shape the loader must survive, and IDX and checkpoint damage.
#include <cstdint>
#include <string>

namespace gs::corpus {

std::string goodPng(int width = 24, int height = 24, int channels = 3);
std::string png16Bit();                          // 16-bit RGB
std::string palettePng();                        // colour type 3 with a PLTE chunk
std::string animatedPng();                       // APNG, 3 frames
std::string hugeHeaderPng(int width, int height);  // a valid IHDR claiming width x height, a tiny IDAT
std::string damagedPng();                        // IDAT bytes overwritten (CRCs kept valid)
std::string cmykJpeg();                          // 4-component Adobe CMYK JPEG (libjpeg)
std::string goodJpeg();
std::string imageAs(const std::string& ext, int channels = 3);  // 12 x 10 random pixels via cv::imencode (.bmp, .webp, .tiff...)
std::string gif89a();                            // a 1 x 1 GIF (a format OpenCV 4.6 cannot read)
std::string badBmpHeader();                      // BMP magic with a negative, absurd width
std::string idx(uint32_t magic, uint32_t count, uint32_t rows, uint32_t cols, size_t data_bytes);
std::string gzip(const std::string& bytes);
// The checkpoint container with its version field set to `version` and the CRC fixed up.
std::string withVersion(const std::string& checkpoint, uint32_t version);

}  // namespace gs::corpus

#pragma once
// Animations from rendered frames (latent walks, direction sweeps), labelled as AI-generated like every export:
// - animated PNG (.png / .apng): lossless, plays in every browser; carries the export text as tEXt chunks, so
//   readPngText reads the label and recipe back;
// - MP4 (.mp4, MPEG-4 Part 2 through OpenCV's FFmpeg backend): the label and recipe go into the file's
//   user-data comment (moov/udta/©cmt) and description (©des), which players and `ffprobe` show.
// Both are written to a temporary file in the same folder and renamed at the end, so a failed or cancelled
// export never leaves a torn file.
#include <memory>
#include <string>

#include "export/png_export.h"
#include "util/image.h"

namespace gs {

class AnimationWriter {
 public:
  // The format follows the extension (.mp4, .png, .apng); throws GanscopeError naming the path for any other,
  // or when the file cannot be written.
  static std::unique_ptr<AnimationWriter> open(const std::string& path, int fps, PngText text);
  virtual ~AnimationWriter();  // without finish(): the temporary file is removed, the target left alone

  // Frames must all have the first frame's size and channels (MP4 drops alpha over white, keeps gray as gray).
  virtual void add(const ImageU8& frame) = 0;
  // Writes the file (atomic rename). Throws GanscopeError naming the path.
  virtual void finish() = 0;
  int frames() const { return frames_; }

 protected:
  AnimationWriter(std::string path, int fps, PngText text);
  void checkFrame(const ImageU8& frame);
  std::string path_;
  int fps_;
  PngText text_;
  int frames_ = 0;
  int width_ = 0, height_ = 0, channels_ = 0;
};

// Every pixel repeated factor x factor times (small GAN images stay crisp in a video).
ImageU8 upscaleNearest(const ImageU8& image, int factor);
// The upscaling factor that makes `resolution` px frames at least 256 px: a 32 px video is 8x, 256 px 1x.
int videoScale(int resolution);

// Text of an MP4's moov/udta/©cmt comment, or "" when it has none (for tests). Throws on an unreadable file.
std::string readMp4Comment(const std::string& path);

}  // namespace gs

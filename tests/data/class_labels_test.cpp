// Class labels for conditional training: from the immediate subfolders of an image folder, from an IDX1 label
// file (given, or beside the images), their errors, the fingerprint, and batches that carry them.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "data/batch_loader.h"
#include "data/class_labels.h"
#include "data/data_test_util.h"
#include "data/image_dataset.h"
#include "util/error.h"

namespace gs {
namespace {

using test::TempDir;

void writeGray(const std::string& path, int value) {
  cv::imwrite(path, cv::Mat(8, 8, CV_8UC1, cv::Scalar(value)));
}

std::string loadError(const DataConfig& c) {
  try {
    ImageDataset::load(c);
  } catch (const GanscopeError& e) {
    return e.what();
  }
  return "no error";
}

DataConfig labelled(const std::string& path) {
  DataConfig c;
  c.path = path;
  c.resolution = 8;
  c.class_labels = true;
  return c;
}

TEST(ClassLabels, FromSubfoldersSortedByName) {
  TempDir dir;
  writeGray(dir.file("shoe/a.png"), 10);
  writeGray(dir.file("bag/b.png"), 20);
  writeGray(dir.file("shoe/deeper/c.png"), 30);  // the immediate subfolder names the class
  writeGray(dir.file("bag/d.png"), 40);
  const auto d = ImageDataset::load(labelled(dir.path()));
  ASSERT_TRUE(d->hasLabels());
  EXPECT_EQ(d->classNames(), (std::vector<std::string>{"bag", "shoe"}));
  ASSERT_EQ(d->size(), 4);
  // Files load in path order: bag/b, bag/d, shoe/a, shoe/deeper/c; the label follows each image.
  for (int64_t i = 0; i < d->size(); ++i) {
    const int value = d->image(i)[0];
    EXPECT_EQ(d->labels()[size_t(i)], value == 20 || value == 40 ? 0 : 1) << "image " << i << " value " << value;
  }
  EXPECT_EQ(d->classCounts(), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(d->summary().class_names, d->classNames());

  DataConfig plain = labelled(dir.path());
  plain.class_labels = false;
  const auto unlabelled = ImageDataset::load(plain);
  EXPECT_FALSE(unlabelled->hasLabels());
  EXPECT_NE(unlabelled->fingerprint(), d->fingerprint()) << "labels are part of what a resumed run must see";
}

TEST(ClassLabels, ImageOutsideAClassFolderIsNamed) {
  TempDir dir;
  writeGray(dir.file("a/x.png"), 1);
  writeGray(dir.file("b/y.png"), 2);
  writeGray(dir.file("loose.png"), 3);
  const std::string e = loadError(labelled(dir.path()));
  EXPECT_NE(e.find("loose.png"), std::string::npos) << e;
  EXPECT_NE(e.find("not inside a class subfolder"), std::string::npos) << e;
}

TEST(ClassLabels, OneClassIsNotEnough) {
  TempDir dir;
  writeGray(dir.file("only/x.png"), 1);
  EXPECT_NE(loadError(labelled(dir.path())).find("at least 2 class subfolders"), std::string::npos);
}

TEST(ClassLabels, FromIdxLabelFileGivenOrBeside) {
  TempDir dir;
  std::vector<uint8_t> px(5 * 4 * 4);
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>(i / 16 * 50);  // image i: value 50 i
  test::writeIdx(dir.file("train-images-idx3-ubyte.gz"), 5, 4, 4, px, true);
  test::writeIdxLabels(dir.file("train-labels-idx1-ubyte.gz"), {2, 0, 1, 2, 0}, true);
  test::writeIdxLabels(dir.file("other-labels"), {1, 1, 0, 0, 2}, false);

  // The Debian folder: the label file beside the training images.
  auto d = ImageDataset::load(labelled(dir.path()));
  EXPECT_EQ(d->labels(), (std::vector<int64_t>{2, 0, 1, 2, 0}));
  EXPECT_EQ(d->classNames(), (std::vector<std::string>{"0", "1", "2"}));
  // The images file with --labels FILE.
  DataConfig c = labelled(dir.file("train-images-idx3-ubyte.gz"));
  c.labels_file = dir.file("other-labels");
  d = ImageDataset::load(c);
  EXPECT_EQ(d->labels(), (std::vector<int64_t>{1, 1, 0, 0, 2}));
  // max_images keeps the first labels.
  c.max_images = 3;
  d = ImageDataset::load(c);
  EXPECT_EQ(d->labels(), (std::vector<int64_t>{1, 1, 0}));
}

TEST(ClassLabels, CountMismatchNamesBothFiles) {
  TempDir dir;
  test::writeIdx(dir.file("imgs-idx3-ubyte"), 4, 4, 4, std::vector<uint8_t>(64, 9), false);
  test::writeIdxLabels(dir.file("few-labels"), {0, 1, 0}, false);
  test::writeIdxLabels(dir.file("many-labels"), {0, 1, 0, 1, 1}, false);
  DataConfig c = labelled(dir.file("imgs-idx3-ubyte"));
  for (const char* name : {"few-labels", "many-labels"}) {
    c.labels_file = dir.file(name);
    const std::string e = loadError(c);
    EXPECT_NE(e.find(name), std::string::npos) << e;
    EXPECT_NE(e.find("labels count mismatch"), std::string::npos) << e;
    EXPECT_NE(e.find("imgs-idx3-ubyte"), std::string::npos) << e;
  }
  c.labels_file = dir.file("imgs-idx3-ubyte");  // an image file is not a label file
  EXPECT_NE(loadError(c).find("not an IDX label file"), std::string::npos) << loadError(c);
  c.labels_file.clear();  // nothing beside it
  EXPECT_NE(loadError(c).find("--labels FILE"), std::string::npos) << loadError(c);
}

TEST(ClassLabels, FashionMnistNames) {
  TempDir dir;
  std::vector<uint8_t> labels(10);
  for (int i = 0; i < 10; ++i) labels[size_t(i)] = static_cast<uint8_t>(i);
  test::writeIdxLabels(dir.file("fashion-labels"), labels, false);
  const ClassLabels l = labelsFromIdx(dir.file("fashion-labels"), "imgs", 10, true);
  EXPECT_EQ(l.names, fashionMnistClassNames());
  EXPECT_EQ(l.names[3], "Dress");
}

TEST(ClassLabels, BatchesCarryEachImagesLabel) {
  // Image i is filled with value i; its label is i % 3.
  const int64_t n = 10;
  std::vector<uint8_t> px(static_cast<size_t>(n) * 4 * 4);
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < n; ++i) {
    std::fill(px.begin() + i * 16, px.begin() + (i + 1) * 16, static_cast<uint8_t>(i));
    labels.push_back(i % 3);
  }
  const auto images = ImageDataset::fromPixels(px, n, 1, 4);
  const auto d = ImageDataset::withLabels(*images, labels, {"a", "b", "c"});
  for (int prefetch : {0, 2}) {
    BatchLoader loader(d, 4, 11, /*hflip=*/false, prefetch);
    for (int b = 0; b < 6; ++b) {  // crosses epochs
      const BatchLoader::Batch batch = loader.nextBatch();
      ASSERT_TRUE(batch.labels.defined());
      ASSERT_EQ(batch.labels.scalar_type(), at::kLong);
      for (int64_t j = 0; j < 4; ++j) {
        const int value = static_cast<int>(std::lround((batch.images[j][0][0][0].item<float>() + 1.0) * 127.5));
        EXPECT_EQ(batch.labels[j].item<int64_t>(), value % 3) << "batch " << b << " slot " << j;
      }
    }
  }
  BatchLoader unlabelled(images, 4, 11, false, 0);
  EXPECT_FALSE(unlabelled.nextBatch().labels.defined());
  EXPECT_THROW(ImageDataset::withLabels(*images, {0, 1}, {"a", "b"}), GanscopeError);
  EXPECT_THROW(ImageDataset::withLabels(*images, std::vector<int64_t>(n, 5), {"a", "b"}), GanscopeError);
}

}  // namespace
}  // namespace gs

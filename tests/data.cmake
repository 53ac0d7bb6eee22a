# Image dataset pipeline: header reader, folder and IDX loading, batch loader.
find_package(ZLIB REQUIRED)
ganscope_gtest(data_dataset_test LABELS unit SOURCES
  data/image_header_test.cpp data/image_dataset_test.cpp data/dataset_policies_test.cpp data/idx_test.cpp)
target_link_libraries(data_dataset_test PRIVATE ZLIB::ZLIB)
ganscope_gtest(data_batch_loader_test LABELS unit SOURCES data/batch_loader_test.cpp)
# Class labels for conditional models: subfolders, IDX label files, their errors, labelled batches.
ganscope_gtest(data_class_labels_test LABELS unit SOURCES data/class_labels_test.cpp)
target_link_libraries(data_class_labels_test PRIVATE ZLIB::ZLIB)
# Image pairs for pix2pix (side-by-side, A/ + B/ folders, Canny edges) and the paired batch stream.
ganscope_gtest(data_paired_test LABELS unit SOURCES data/paired_dataset_test.cpp)
# CycleGAN's unpaired domains: two folders, or two classes of a labelled folder.
ganscope_gtest(data_unpaired_test LABELS unit SOURCES data/unpaired_dataset_test.cpp)

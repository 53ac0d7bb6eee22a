# Image dataset pipeline: header reader, folder and IDX loading, batch loader.
find_package(ZLIB REQUIRED)
ganscope_gtest(data_dataset_test LABELS unit SOURCES
  data/test_image_header.cpp data/test_image_dataset.cpp data/test_dataset_policies.cpp data/test_idx.cpp)
target_link_libraries(data_dataset_test PRIVATE ZLIB::ZLIB)
ganscope_gtest(data_batch_loader_test LABELS unit SOURCES data/test_batch_loader.cpp)

# Reliability: the bad-input corpus (generated files of every odd and damaged kind), kill safety of checkpoint
# writes, full disks and read-only folders, and smoke runs of the fuzz drivers (LABELS fuzz).
find_package(JPEG REQUIRED)
find_package(ZLIB REQUIRED)
add_library(ganscope_bad_corpus STATIC reliability/bad_corpus.cpp)
target_link_libraries(ganscope_bad_corpus PUBLIC ganscope_core JPEG::JPEG ZLIB::ZLIB)
ganscope_target_defaults(ganscope_bad_corpus)

ganscope_gtest(bad_input_corpus_test LABELS unit SOURCES reliability/bad_input_corpus_test.cpp)
target_link_libraries(bad_input_corpus_test PRIVATE ganscope_bad_corpus)

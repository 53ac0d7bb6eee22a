# Reliability: the bad-input corpus (generated files of every odd and damaged kind), kill safety of checkpoint
# writes, full disks and read-only folders, and smoke runs of the fuzz drivers (LABELS fuzz).
find_package(JPEG REQUIRED)
find_package(ZLIB REQUIRED)
add_library(ganscope_bad_corpus STATIC reliability/bad_corpus.cpp)
target_link_libraries(ganscope_bad_corpus PUBLIC ganscope_core JPEG::JPEG ZLIB::ZLIB)
ganscope_target_defaults(ganscope_bad_corpus)

ganscope_gtest(reliability_bad_input_corpus_test LABELS unit SOURCES reliability/bad_input_corpus_test.cpp)
target_link_libraries(reliability_bad_input_corpus_test PRIVATE ganscope_bad_corpus)

# Starts ganscope-cli about 25 times (about 1 s each to load LibTorch).
ganscope_gtest(reliability_kill_safety_test LABELS unit SOURCES reliability/kill_safety_test.cpp cli/run_process.cpp TIMEOUT 600)
target_compile_definitions(reliability_kill_safety_test PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
add_dependencies(reliability_kill_safety_test ganscope-cli)

ganscope_gtest(reliability_full_disk_test LABELS unit SOURCES reliability/full_disk_test.cpp cli/run_process.cpp TIMEOUT 300)
target_compile_definitions(reliability_full_disk_test PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
add_dependencies(reliability_full_disk_test ganscope-cli)

# Fuzz targets with a bounded mutation driver (tests/reliability/fuzz): a smoke run of a few thousand inputs
# each here (LABELS fuzz); long runs are by hand, e.g. `build-asan/tests/fuzz_image --runs 1000000`.
foreach(t image idx checkpoint config)
  add_executable(fuzz_${t} reliability/fuzz/fuzz_driver.cpp reliability/fuzz/fuzz_${t}.cpp)
  target_link_libraries(fuzz_${t} PRIVATE ganscope_bad_corpus)
  target_include_directories(fuzz_${t} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  ganscope_target_defaults(fuzz_${t})
  add_test(NAME fuzz_${t}_smoke COMMAND fuzz_${t} --runs 3000 --seconds 45)
  set_tests_properties(fuzz_${t}_smoke PROPERTIES LABELS fuzz TIMEOUT 120
    ENVIRONMENT "OMP_WAIT_POLICY=PASSIVE;OPENBLAS_NUM_THREADS=1")
endforeach()

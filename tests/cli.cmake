# Run folder, training loop and ganscope-cli (argument parsing, and end to end through the built binary).
ganscope_gtest(test_run_folder LABELS unit SOURCES cli/test_run_folder.cpp)
ganscope_gtest(test_run_loop LABELS unit SOURCES cli/test_run_loop.cpp)

ganscope_gtest(test_cli_args LABELS unit SOURCES cli/test_cli_args.cpp
  ${PROJECT_SOURCE_DIR}/app/cli/args.cpp ${PROJECT_SOURCE_DIR}/app/cli/train_options.cpp
  ${PROJECT_SOURCE_DIR}/app/cli/tool_options.cpp ${PROJECT_SOURCE_DIR}/app/cli/usage.cpp)
target_include_directories(test_cli_args PRIVATE ${PROJECT_SOURCE_DIR}/app/cli)

# These start the built ganscope-cli (about 1 s each to load LibTorch): about 15 s per program here.
ganscope_gtest(test_cli_usage LABELS unit SOURCES cli/test_cli_usage.cpp cli/run_process.cpp)
ganscope_gtest(test_cli_end_to_end LABELS unit SOURCES cli/test_cli_end_to_end.cpp cli/run_process.cpp
  TIMEOUT 240)
foreach(t test_cli_usage test_cli_end_to_end)
  target_compile_definitions(${t} PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
  add_dependencies(${t} ganscope-cli)
endforeach()

# ganscope-cli: argument parsing, and end to end through the built binary.
ganscope_gtest(cli_args_test LABELS unit SOURCES cli/cli_args_test.cpp
  ${PROJECT_SOURCE_DIR}/app/cli/args.cpp ${PROJECT_SOURCE_DIR}/app/cli/train_options.cpp
  ${PROJECT_SOURCE_DIR}/app/cli/tool_options.cpp ${PROJECT_SOURCE_DIR}/app/cli/usage.cpp)
target_include_directories(cli_args_test PRIVATE ${PROJECT_SOURCE_DIR}/app/cli)

# These start the built ganscope-cli (about 1 s each to load LibTorch): about 15 s per program here.
ganscope_gtest(cli_usage_test LABELS unit SOURCES cli/cli_usage_test.cpp cli/run_process.cpp)
ganscope_gtest(cli_end_to_end_test LABELS unit SOURCES cli/cli_end_to_end_test.cpp cli/run_process.cpp
  TIMEOUT 240)
ganscope_gtest(cli_style_test LABELS unit SOURCES cli/style_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
ganscope_gtest(cli_project_test LABELS unit SOURCES cli/project_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
ganscope_gtest(cli_conditional_test LABELS unit SOURCES cli/conditional_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
# pix2pix: train from an edges folder, translate (labelled PNG with its recipe), errors naming the bad input.
ganscope_gtest(cli_pix2pix_test LABELS unit SOURCES cli/pix2pix_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
# CycleGAN from the CLI: two classes as domains, translate both ways, errors.
ganscope_gtest(cli_cyclegan_test LABELS unit SOURCES cli/cyclegan_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
foreach(t cli_usage_test cli_end_to_end_test cli_style_test cli_project_test cli_conditional_test cli_pix2pix_test
        cli_cyclegan_test)
  target_compile_definitions(${t} PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
  target_include_directories(${t} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/cli)
  add_dependencies(${t} ganscope-cli)
endforeach()

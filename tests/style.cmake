# Style-based generator: model, training (resume, checkpoints) and the explorer's style controls.
ganscope_gtest(style_model_test LABELS unit SOURCES style/style_model_test.cpp)
ganscope_gtest(style_session_test LABELS unit SOURCES style/style_session_test.cpp)
ganscope_gtest(style_training_test LABELS unit SOURCES style/style_training_test.cpp)
ganscope_gtest(style_cli_test LABELS unit SOURCES style/style_cli_test.cpp cli/run_process.cpp TIMEOUT 240)
target_include_directories(style_cli_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/cli)
target_compile_definitions(style_cli_test PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
add_dependencies(style_cli_test ganscope-cli)

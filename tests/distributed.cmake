# Data-parallel training (core/distributed): shards and options in one process (fast), then the built
# ganscope-cli as 2 Gloo ranks on 127.0.0.1 (about 30-40 s on 2 cores: tiny models, a few steps per run).
ganscope_gtest(distributed_shard_test LABELS unit SOURCES distributed/batch_shard_test.cpp)
ganscope_gtest(distributed_cli_test LABELS unit SOURCES distributed/dist_cli_test.cpp cli/run_process.cpp
  TIMEOUT 300)
target_compile_definitions(distributed_cli_test PRIVATE GANSCOPE_CLI_PATH="$<TARGET_FILE:ganscope-cli>")
target_include_directories(distributed_cli_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/cli)
add_dependencies(distributed_cli_test ganscope-cli)

# The training configuration (core/config.*): JSON round trip and validation.
ganscope_gtest(config_test LABELS unit SOURCES config_test.cpp)

# Latent tools, edit directions and generator sessions (core/explore).
ganscope_gtest(explore_directions_test LABELS unit SOURCES explore/latent_directions_test.cpp)
ganscope_gtest(explore_latent_tools_test LABELS unit SOURCES explore/latent_tools_test.cpp)
ganscope_gtest(explore_style_session_test LABELS unit SOURCES explore/style_session_test.cpp)
ganscope_gtest(explore_projector_test LABELS unit SOURCES explore/projector_test.cpp)

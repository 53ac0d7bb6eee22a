# Config, files, export and latent tools of the core.
ganscope_gtest(test_config LABELS unit SOURCES core/test_config.cpp)
ganscope_gtest(test_png_export LABELS unit SOURCES core/test_png_export.cpp)
ganscope_gtest(test_latent_tools LABELS unit SOURCES core/test_latent_tools.cpp)
ganscope_gtest(test_animation_export LABELS unit SOURCES core/test_animation_export.cpp)

# Latent tools of the explorer that need a generator: edit directions (GANSpace, SeFa).
ganscope_gtest(explore_directions_test LABELS unit SOURCES explore/latent_directions_test.cpp)

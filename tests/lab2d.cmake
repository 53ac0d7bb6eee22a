# 2D lab: distributions, the PacGAN/VEEGAN measures, fields, the MLP GAN trainer and its health alarms.
ganscope_gtest(lab2d_measures_test LABELS unit SOURCES
  lab2d/mode_measures_test.cpp
  lab2d/point_mixture_test.cpp
  lab2d/field2d_test.cpp)
ganscope_gtest(lab2d_trainer_test LABELS unit SOURCES
  lab2d/lab_trainer_test.cpp
  lab2d/lab_health_test.cpp)
# The issue's targets on the ring's first seed and the grid's first two (3 default runs, about 3.5 minutes on
# one core; bench_lab2d runs all 10 of each).
ganscope_gtest(lab2d_targets_test LABELS slow TIMEOUT 1500 SOURCES
  lab2d/lab_targets_test.cpp)

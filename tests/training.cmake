# Trainer, EMA and checkpoint tests (tiny generated datasets, a few seconds each on 2 cores).
ganscope_gtest(training_step_test LABELS unit SOURCES training/trainer_step_test.cpp)
ganscope_gtest(training_checkpoint_test LABELS unit SOURCES training/checkpoint_test.cpp)
ganscope_gtest(training_resume_test LABELS unit SOURCES training/resume_test.cpp)

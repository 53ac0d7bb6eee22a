# Trainer, EMA and checkpoint tests (tiny generated datasets, a few seconds each on 2 cores).
ganscope_gtest(training_step_test LABELS unit SOURCES training/trainer_step_test.cpp)
ganscope_gtest(training_checkpoint_test LABELS unit SOURCES training/checkpoint_test.cpp)
ganscope_gtest(training_resume_test LABELS unit SOURCES training/resume_test.cpp)
ganscope_gtest(training_style_test LABELS unit SOURCES training/style_training_test.cpp)
ganscope_gtest(training_run_health_test LABELS unit SOURCES training/run_health_test.cpp)
# The run folder and the training loop that the CLI and the app share.
ganscope_gtest(training_run_folder_test LABELS unit SOURCES training/run_folder_test.cpp)
ganscope_gtest(training_run_loop_test LABELS unit SOURCES training/run_loop_test.cpp)
# Quality over training: quality.jsonl, best.gsck, hints (tiny run, a few seconds).
ganscope_gtest(training_run_quality_test LABELS unit SOURCES training/run_quality_test.cpp)
# EMA BatchNorm statistics and ramp-up.
ganscope_gtest(training_ema_test LABELS unit SOURCES training/ema_norm_test.cpp)
# Augmentation of what D sees (ADA, DiffAugment): each op's geometry, colour, gradients; ADA's p controller.
ganscope_gtest(training_augment_test LABELS unit SOURCES training/augment_test.cpp)
ganscope_gtest(training_ada_controller_test LABELS unit SOURCES training/ada_controller_test.cpp)
# Class-conditional training: exact resume with every loss, the per-class grid, a 2-class toy that learns.
ganscope_gtest(training_conditional_test LABELS unit SOURCES training/conditional_training_test.cpp)
# pix2pix: exact resume, an easy translation it learns, a run folder from an edges folder (a few seconds).
ganscope_gtest(training_pix2pix_test LABELS unit SOURCES training/pix2pix_training_test.cpp)
# CycleGAN: exact resume with the image pools, red <-> blue squares learnt, a run folder from two folders.
ganscope_gtest(training_cyclegan_test LABELS unit SOURCES training/cyclegan_training_test.cpp)
ganscope_gtest(training_tensorboard_test LABELS unit SOURCES training/tensorboard_events_test.cpp)  # TensorBoard event files
# bf16 mixed precision: the CPU check, the autocast scope, bf16 training steps of each model.
ganscope_gtest(training_precision_test LABELS unit SOURCES training/precision_test.cpp)

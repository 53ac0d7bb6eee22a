# Style-based generator: model, training (resume, checkpoints) and the explorer's style controls.
ganscope_gtest(style_model_test LABELS unit SOURCES style/style_model_test.cpp)
ganscope_gtest(style_session_test LABELS unit SOURCES style/style_session_test.cpp)
ganscope_gtest(style_training_test LABELS unit SOURCES style/style_training_test.cpp)

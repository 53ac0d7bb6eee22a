# Style-based generator: model, training (resume, checkpoints) and the explorer's style controls.
ganscope_gtest(style_model_test LABELS unit SOURCES style/style_model_test.cpp)

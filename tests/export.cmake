# Exports (core/export): labelled PNGs and animations.
ganscope_gtest(export_png_test LABELS unit SOURCES export/png_export_test.cpp)
ganscope_gtest(export_animation_test LABELS unit SOURCES export/animation_export_test.cpp)
ganscope_gtest(export_xmp_test LABELS unit SOURCES export/xmp_label_test.cpp)  # read by exiftool too

# UI benchmarks (need Qt): slider-to-frame latency and launch-to-first-frame.
if(GANSCOPE_BUILD_GUI)
  add_executable(bench_slider_latency ${CMAKE_CURRENT_SOURCE_DIR}/ui/bench_slider_latency.cpp)
  target_link_libraries(bench_slider_latency PRIVATE ganscope_ui)
  ganscope_target_defaults(bench_slider_latency)
endif()

# Frame upload and draw cost of the image canvas, Vulkan and QPainter (needs a display: run under xvfb).
if(GANSCOPE_BUILD_GUI)
  add_executable(bench_canvas_upload ${CMAKE_CURRENT_SOURCE_DIR}/ui/bench_canvas_upload.cpp)
  target_link_libraries(bench_canvas_upload PRIVATE ganscope_ui)
  ganscope_target_defaults(bench_canvas_upload)
endif()

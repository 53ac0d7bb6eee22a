# UI benchmarks (need Qt): slider-to-frame latency, launch-to-first-frame, GUI responsiveness while training, and
# reading a long run into the compare view.
if(GANSCOPE_BUILD_GUI)
  foreach(b bench_slider_latency bench_ui_responsiveness bench_compare_load)
    add_executable(${b} ${CMAKE_CURRENT_SOURCE_DIR}/ui/${b}.cpp)
    target_link_libraries(${b} PRIVATE ganscope_ui)
    ganscope_target_defaults(${b})
  endforeach()
endif()

# Frame upload and draw cost of the image canvas, Vulkan and QPainter (needs a display: run under xvfb).
if(GANSCOPE_BUILD_GUI)
  add_executable(bench_canvas_upload ${CMAKE_CURRENT_SOURCE_DIR}/ui/bench_canvas_upload.cpp)
  target_link_libraries(bench_canvas_upload PRIVATE ganscope_ui)
  ganscope_target_defaults(bench_canvas_upload)
endif()

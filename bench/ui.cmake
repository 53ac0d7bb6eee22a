# UI benchmarks (need Qt): slider-to-frame latency, launch-to-first-frame, and GUI responsiveness while training.
if(GANSCOPE_BUILD_GUI)
  foreach(b bench_slider_latency bench_ui_responsiveness)
    add_executable(${b} ${CMAKE_CURRENT_SOURCE_DIR}/ui/${b}.cpp)
    target_link_libraries(${b} PRIVATE ganscope_ui)
    ganscope_target_defaults(${b})
  endforeach()
endif()

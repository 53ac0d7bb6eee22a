# The Vulkan canvas (LABELS vulkan): drawn by Mesa's lavapipe under xvfb (xcb platform), with the Khronos
# validation layer when it is installed; and the QPainter fallback on the offscreen platform.
if(GANSCOPE_BUILD_GUI)
  find_program(GANSCOPE_XVFB_RUN xvfb-run)
  add_executable(ui_vulkan_canvas_test ${CMAKE_CURRENT_SOURCE_DIR}/ui/vulkan_canvas_test.cpp)
  set_target_properties(ui_vulkan_canvas_test PROPERTIES AUTOMOC ON)
  target_include_directories(ui_vulkan_canvas_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(ui_vulkan_canvas_test PRIVATE ganscope_ui Qt6::Test)
  ganscope_target_defaults(ui_vulkan_canvas_test)
  if(GANSCOPE_XVFB_RUN)
    add_test(NAME ui_vulkan_canvas_test
             COMMAND ${GANSCOPE_XVFB_RUN} -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:ui_vulkan_canvas_test>)
  else()
    add_test(NAME ui_vulkan_canvas_test COMMAND ui_vulkan_canvas_test)  # needs a display of its own
  endif()
  set_tests_properties(ui_vulkan_canvas_test PROPERTIES LABELS "vulkan;ui" TIMEOUT 180
    ENVIRONMENT "QT_QPA_PLATFORM=xcb;GANSCOPE_VULKAN_VALIDATION=1")
  if(GANSCOPE_SANITIZE)
    # LeakSanitizer reports blocks allocated inside lavapipe at exit (see the README's "Sanitizers"); the
    # address and undefined-behaviour checks stay on.
    set_property(TEST ui_vulkan_canvas_test APPEND PROPERTY ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
  endif()

  ganscope_qtest(renderer_fallback LABELS vulkan)
  # The difference view the canvases draw (its QPainter path; the Vulkan path is in ui_vulkan_canvas_test).
  ganscope_qtest(explorer_difference)
endif()

# ganscope_add_shaders(target SOURCES a.vert b.frag ...): compiles GLSL to SPIR-V with glslc at build time and
# embeds the .spv files in `target` as Qt resources under :/shaders/. A shader that does not compile fails the
# build; glslc names the file and line.
find_package(Vulkan REQUIRED COMPONENTS glslc)

function(ganscope_add_shaders target)
  cmake_parse_arguments(S "" "" "SOURCES" ${ARGN})
  set(outputs)
  foreach(source ${S_SOURCES})
    get_filename_component(name ${source} NAME)
    set(output ${CMAKE_CURRENT_BINARY_DIR}/shaders/${name}.spv)
    add_custom_command(OUTPUT ${output}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/shaders
      COMMAND Vulkan::glslc --target-env=vulkan1.0 -O -Werror -o ${output} ${source}
      DEPENDS ${source}
      COMMENT "glslc ${name}"
      VERBATIM)
    list(APPEND outputs ${output})
  endforeach()
  qt_add_resources(${target} ganscope_shaders PREFIX /shaders BASE ${CMAKE_CURRENT_BINARY_DIR}/shaders
                   FILES ${outputs})
endfunction()

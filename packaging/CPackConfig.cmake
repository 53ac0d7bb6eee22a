# The Debian package (cpack -G DEB from the build folder): both programs, the desktop entry, the icon in the
# hicolor theme (PNG sizes and SVG) and man pages made from the programs' --help texts by help2man.
set(CPACK_PACKAGE_NAME "ganscope")
set(CPACK_PACKAGE_VENDOR "GANscope")
set(CPACK_PACKAGE_CONTACT "GANscope developers <dev@ganscope.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train and explore generative adversarial networks on your own images")
# The extended description (CPack indents it under the summary line); lines under 80 characters for lintian.
set(CPACK_PACKAGE_DESCRIPTION "GANscope trains GANs (DCGAN, a StyleGAN2-like model, class-conditional models,
pix2pix and CycleGAN) on a folder of images, on the GPU when LibTorch has CUDA,
else on the CPU. The desktop app charts the losses live, flags mode collapse,
and explores generators with latent sliders, style layers and edit directions;
ganscope-cli trains, samples and exports on machines without a display.")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# dpkg-shlibdeps finds Qt and LibTorch but not the BLAS we rely on for speed (LibTorch links libblas.so.3, which
# OpenBLAS provides through Debian's alternatives), nor the Qt image plugins (WebP, TIFF in the app's dialogs).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread, qt6-image-formats-plugins")
# The canvas draws with Vulkan when a driver exists, else with QPainter: a driver is recommended, not required.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mesa-vulkan-drivers | vulkan-icd")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://ganscope.invalid")
include(CPack)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/ganscope.desktop DESTINATION share/applications)
# Debian's per-package documents: the copyright file and the (gzipped) changelog.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright DESTINATION share/doc/ganscope)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/packaging/changelog.gz
                   COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
                   COMMAND gzip -9nc ${CMAKE_CURRENT_LIST_DIR}/changelog > ${CMAKE_BINARY_DIR}/packaging/changelog.gz
                   DEPENDS ${CMAKE_CURRENT_LIST_DIR}/changelog
                   COMMENT "Debian changelog")
add_custom_target(ganscope_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/packaging/changelog.gz DESTINATION share/doc/ganscope)
foreach(size 16 32 48 64 128 256)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/icons/ganscope-${size}.png
          DESTINATION share/icons/hicolor/${size}x${size}/apps RENAME ganscope.png)
endforeach()
install(FILES ${CMAKE_CURRENT_LIST_DIR}/icons/ganscope.svg DESTINATION share/icons/hicolor/scalable/apps)

# Man pages from --help (help2man); without help2man the package has none and the build says so.
find_program(GANSCOPE_HELP2MAN help2man)
if(GANSCOPE_HELP2MAN)
  set(man_dir ${CMAKE_BINARY_DIR}/man)
  set(pages)
  set(programs ganscope-cli)
  if(TARGET ganscope)
    list(APPEND programs ganscope)
  endif()
  foreach(program ${programs})
    if(program STREQUAL "ganscope-cli")
      set(help_option --help-all)
      set(name "train, sample and export generative adversarial networks without a display")
    else()
      set(help_option --help)
      set(name "train and explore generative adversarial networks on the desktop")
    endif()
    add_custom_command(
      OUTPUT ${man_dir}/${program}.1.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${man_dir}
      COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
              ${GANSCOPE_HELP2MAN} --no-info --section 1 --help-option=${help_option} --name "${name}"
              --output ${man_dir}/${program}.1 $<TARGET_FILE:${program}>
      COMMAND gzip -9nf ${man_dir}/${program}.1
      DEPENDS ${program}
      COMMENT "Man page of ${program} (help2man)"
      VERBATIM)
    list(APPEND pages ${man_dir}/${program}.1.gz)
  endforeach()
  add_custom_target(ganscope_man_pages ALL DEPENDS ${pages})
  install(FILES ${pages} DESTINATION share/man/man1)
else()
  message(STATUS "help2man not found: the package will have no man pages")
endif()

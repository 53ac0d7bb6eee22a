# The Debian package (LABELS packaging): cpack builds it, the test unpacks and checks it. Needs the app, help2man
# and dpkg (packaging/install-deps.sh installs them).
if(GANSCOPE_BUILD_GUI)
  add_test(NAME packaging_deb_test
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/deb_package_test.sh ${CMAKE_CPACK_COMMAND}
                   ${CMAKE_BINARY_DIR} ${PROJECT_VERSION})
  set_tests_properties(packaging_deb_test PROPERTIES LABELS packaging TIMEOUT 600)
endif()

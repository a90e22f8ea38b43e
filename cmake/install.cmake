# Install rules and the CMake package (docs/cmake.md). Two components:
#   sdk       libflowsdk (+ libflowsdk_boost_impl.a, Asio compiled once), the public headers with
#             the generated flowsdk/version.hpp, the CMake package, flowsdk.pc, LICENSE
#   emulator  libflowsdk_emulator.a, its header flowsdk/emulator/server.hpp, the flowsdk-emulator
#             binary; exported as flowsdk::emulator and flowsdk::flowsdk-emulator
#   testing   libflowsdk_testing.a and the headers flowsdk/testing/*.hpp; exported as
#             flowsdk::testing, which links flowsdk::emulator (so it needs that component)
# `cmake --install BUILD --prefix P` installs all three; `--component sdk` only the SDK.
include(CMakePackageConfigHelpers)

set(flowsdk_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/flowsdk)

install(TARGETS flowsdk flowsdk_boost_impl EXPORT flowsdkTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk NAMELINK_COMPONENT sdk
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT sdk
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/flowsdk DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk
        FILES_MATCHING PATTERN "*.hpp" PATTERN testing EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/include/flowsdk/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/flowsdk
        COMPONENT sdk)
install(EXPORT flowsdkTargets NAMESPACE flowsdk:: DESTINATION ${flowsdk_cmake_dir} COMPONENT sdk)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/flowsdkConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/flowsdkConfig.cmake INSTALL_DESTINATION ${flowsdk_cmake_dir})
# SameMinorVersion: before 1.0 a minor release may break the API (semver's 0.y rule), so 0.1.x
# satisfies find_package(flowsdk 0.1) and 0.2 does not. Switch to SameMajorVersion at 1.0.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/flowsdkConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/flowsdkConfig.cmake ${PROJECT_BINARY_DIR}/flowsdkConfigVersion.cmake
        DESTINATION ${flowsdk_cmake_dir} COMPONENT sdk)

# pkg-config: Boost ships no .pc files on Debian, so its libraries are named directly. The prefix
# is found from the .pc file's own place (${pcfiledir}), so `cmake --install --prefix P` works.
file(RELATIVE_PATH FLOWSDK_PC_UP /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" FLOWSDK_PC_UP "${FLOWSDK_PC_UP}")
set(FLOWSDK_PC_PREFIX "\${pcfiledir}/${FLOWSDK_PC_UP}")
set(FLOWSDK_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
set(FLOWSDK_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
set(FLOWSDK_PC_CFLAGS "-DBOOST_ASIO_SEPARATE_COMPILATION -DBOOST_BEAST_SEPARATE_COMPILATION")
if(BUILD_SHARED_LIBS)
  set(FLOWSDK_PC_LIBS "-lboost_json -lboost_url -pthread")
else()
  set(FLOWSDK_PC_LIBS "-lflowsdk_boost_impl -lboost_json -lboost_url -pthread")
endif()
if(FLOWSDK_ASIO_NO_DEPRECATED)
  string(APPEND FLOWSDK_PC_CFLAGS " -DBOOST_ASIO_NO_DEPRECATED")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/flowsdk.pc.in ${PROJECT_BINARY_DIR}/flowsdk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/flowsdk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT sdk)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/flowsdk COMPONENT sdk)

if(TARGET flowsdk_emulator)
  set_target_properties(flowsdk-emulator PROPERTIES EXPORT_NAME flowsdk-emulator)
  install(TARGETS flowsdk_emulator flowsdk-emulator EXPORT flowsdkEmulatorTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT emulator
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT emulator)
  install(FILES ${PROJECT_SOURCE_DIR}/emulator/include/flowsdk/emulator/server.hpp
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/flowsdk/emulator COMPONENT emulator)
  install(EXPORT flowsdkEmulatorTargets NAMESPACE flowsdk:: DESTINATION ${flowsdk_cmake_dir} COMPONENT emulator)
endif()

if(TARGET flowsdk_testing)
  install(TARGETS flowsdk_testing EXPORT flowsdkTestingTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT testing)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/flowsdk/testing DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/flowsdk
          COMPONENT testing FILES_MATCHING PATTERN "*.hpp")
  install(EXPORT flowsdkTestingTargets NAMESPACE flowsdk:: DESTINATION ${flowsdk_cmake_dir} COMPONENT testing)
endif()

# What `cmake --install` puts where: the binaries, the samples, and (for packages, with
# FREEZER_INSTALL_SYSTEM_FILES) the configuration, service and user files under deploy/package.
include(GNUInstallDirs)

install(TARGETS freezer-api freezer-manage freezer-manager-status freezer-scheduler
                freezer-api-policy-sample
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES etc/freezer-api.conf.sample etc/scheduler.conf.sample etc/policy.yaml.sample
              etc/scheduler-central.conf.sample
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/freezer-cpp/examples)

# The package's system files (/etc/freezer, units, init scripts, sysusers, tmpfiles) are added
# by cpack only (cmake/PackageSystemFiles.cmake.in): a plain `cmake --install --prefix DIR`
# never writes outside DIR.
configure_file(cmake/PackageSystemFiles.cmake.in ${CMAKE_BINARY_DIR}/PackageSystemFiles.cmake @ONLY)

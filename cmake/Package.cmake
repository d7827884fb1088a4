# `make deb` (cpack -G DEB): one package, freezer-cpp, with the API, freezer-manage and the
# scheduler, its configuration under /etc/freezer, systemd units and LSB init scripts. It takes
# the place of Debian's Python freezer-api and freezer-scheduler packages (Conflicts/Replaces/
# Provides) and diverts python3-freezer's /usr/bin/freezer-scheduler so freezer-agent can stay.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME freezer-cpp)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "freezer-cpp maintainers <freezer-cpp@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "OpenStack Freezer backup service: API and scheduler in C++")
set(CPACK_PACKAGE_DESCRIPTION
    "A drop-in replacement for freezer-api and freezer-scheduler: the Freezer v2 REST API\n\
(SQLite or MySQL/MariaDB storage, Keystone authentication, oslo.policy rules) and the\n\
scheduler, including the centralized (service) mode that backs up every project's Cinder\n\
volumes through Keystone trusts.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# SOCI opens its database backends with dlopen: shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, lsb-base, libsoci-sqlite3-4.0, libsoci-mysql4.0")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-freezer, logrotate")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "freezer-api, python3-freezer-api, freezer-scheduler")
set(CPACK_DEBIAN_PACKAGE_REPLACES "freezer-api, python3-freezer-api, freezer-scheduler")
set(CPACK_DEBIAN_PACKAGE_PROVIDES "freezer-api, freezer-scheduler")
set(pkg ${PROJECT_SOURCE_DIR}/deploy/package/debian)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${pkg}/preinst ${pkg}/postinst ${pkg}/prerm ${pkg}/postrm ${pkg}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/deb)
set(CPACK_INSTALL_SCRIPTS ${CMAKE_BINARY_DIR}/PackageSystemFiles.cmake)
include(CPack)

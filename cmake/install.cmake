# `cmake --install` and the Debian package (CPack): the two binaries, their manual pages, the
# shell completions the build writes, the JSON Schema of policy files, and the examples.
include(GNUInstallDirs)
install(TARGETS rolec rolec-emulator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/man/rolec.1 docs/man/rolec-emulator.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_BINARY_DIR}/completions/rolec DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${PROJECT_BINARY_DIR}/completions/_rolec DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES schemas/policy.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/rolec)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The rule pages, where SARIF logs point by default (ROLEC_DOCS_URL).
install(DIRECTORY docs/rules/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/rules FILES_MATCHING PATTERN "*.md")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rolec)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "compiler and linter for Sanity access policy written as code")
set(CPACK_PACKAGE_DESCRIPTION "rolec checks Sanity custom roles and permission resources kept as TOML in git,
including their GROQ filters, compiles them into Access API request bodies, plans and applies
the changes to a live project, and explains access decisions offline. The package also holds
rolec-emulator, an Access API emulator on 127.0.0.1 for tests.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "rolec maintainers <maintainers@rolec.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
# Shared libraries the binaries link come from dpkg-shlibdeps; libcurl is loaded with dlopen
# when a command first reaches the network (access/curl_transport.cpp) and ICU when a text first
# needs more than ASCII case mapping (util/text_case.cpp), and Z3 when `rolec diff` first needs
# the solver (analyze/z3_api.cpp), so they are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4, libicu72, libz3-4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit")
include(CPack)

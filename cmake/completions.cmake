# Writes the shell completions that `cmake --install` installs: OUT_DIR/rolec (bash) and
# OUT_DIR/_rolec (zsh), as printed by ROLEC (the built binary). Run with cmake -P.
file(MAKE_DIRECTORY "${OUT_DIR}")
foreach(pair "bash;rolec" "zsh;_rolec")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  execute_process(COMMAND "${ROLEC}" completion ${shell} OUTPUT_FILE "${OUT_DIR}/${name}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "rolec completion ${shell} failed: ${status}")
  endif()
endforeach()

# Golden test: runs rolec on a gallery and compares what a user sees, byte for byte.
# Variables: ROLEC (the binary), DIR (this folder), CASE (gallery name), FORMATS (`human|json`),
# ARGS (the arguments, `|`-separated, with @FORMAT@ standing for each format in turn), STDIN (a
# file of DIR that standard input reads, or empty).
# With the environment variable ROLEC_UPDATE_GOLDEN set, the expected files are rewritten instead
# (tests/golden/update.sh); review the diff, since every change is one users see.
set(ENV{NO_COLOR} 1)
# SARIF's links to rule pages: one address, whatever the build or the machine.
set(ENV{ROLEC_DOCS_URL} "https://rolec.example/docs/rules/")
string(REPLACE "|" ";" formats "${FORMATS}")
foreach(format IN LISTS formats)
  string(REPLACE "@FORMAT@" "${format}" args "${ARGS}")
  string(REPLACE "|" ";" args "${args}")
  set(input "")
  if(NOT STDIN STREQUAL "")
    set(input INPUT_FILE ${DIR}/${STDIN})
  endif()
  execute_process(
    COMMAND ${ROLEC} ${args}
    ${input}
    WORKING_DIRECTORY ${DIR}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
  set(actual "exit ${code}\n--- stdout\n${out}--- stderr\n${err}")
  set(expected_file ${DIR}/${CASE}.${format}.expected)
  if(DEFINED ENV{ROLEC_UPDATE_GOLDEN})
    file(WRITE ${expected_file} "${actual}")
    continue()
  endif()
  file(READ ${expected_file} expected)
  if(NOT actual STREQUAL expected)
    file(WRITE ${DIR}/${CASE}.${format}.actual "${actual}")
    message(FATAL_ERROR "${CASE} (${format}) differs from ${CASE}.${format}.expected; see ${CASE}.${format}.actual:\n"
                        "diff ${expected_file} ${DIR}/${CASE}.${format}.actual")
  endif()
endforeach()

# Golden test: runs rolec on a gallery and compares what a user sees, byte for byte.
# Variables: ROLEC (the binary), DIR (this folder), CASE (gallery name). Regenerate the expected
# files with tests/golden/update.sh after a deliberate change of wording, and review the diff.
set(ENV{NO_COLOR} 1)
foreach(format human json)
  execute_process(
    COMMAND ${ROLEC} groq parse --mode filter --format ${format} --batch ${CASE}.jsonl
    WORKING_DIRECTORY ${DIR}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
  set(actual "exit ${code}\n--- stdout\n${out}--- stderr\n${err}")
  file(READ ${DIR}/${CASE}.${format}.expected expected)
  if(NOT actual STREQUAL expected)
    file(WRITE ${DIR}/${CASE}.${format}.actual "${actual}")
    message(FATAL_ERROR "${CASE} (${format}) differs from ${CASE}.${format}.expected; see ${CASE}.${format}.actual:\n"
                        "diff ${DIR}/${CASE}.${format}.expected ${DIR}/${CASE}.${format}.actual")
  endif()
endforeach()

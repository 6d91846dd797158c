# Writes OUTPUT: a C++ file defining `const std::string_view NAME` with the bytes of each INPUT
# file, for data that rolec carries in the binary (schemas/*.json). Run with cmake -P.
# Variables: OUTPUT, NAMESPACE, INPUTS (a list of NAME=PATH).
set(body "// Generated from the files below by cmake/embed.cmake; do not edit.\n#include <string_view>\nnamespace ${NAMESPACE} {\n")
foreach(entry ${INPUTS})
  string(REPLACE "=" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" content)
  string(APPEND body "// ${path}\nextern const std::string_view ${name};\nconst std::string_view ${name} = R\"rolec_embedded(${content})rolec_embedded\";\n")
endforeach()
string(APPEND body "}\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")

# Runs EXE and compares its stdout with the file EXPECTED, byte for byte.
execute_process(COMMAND ${EXE} OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} exited with ${rc}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/actual_output.txt "${actual}")
  message(FATAL_ERROR "output differs from ${EXPECTED}; actual output in ${CMAKE_CURRENT_BINARY_DIR}/actual_output.txt\n"
                      "diff: diff ${EXPECTED} ${CMAKE_CURRENT_BINARY_DIR}/actual_output.txt")
endif()

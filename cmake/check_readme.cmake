# cmake -DREADME=README.md -DSAMPLE=examples/readme_sample.cpp -P cmake/check_readme.cmake
# Fails unless README's first ```cpp block is the sample file's text, verbatim (test readme.sample).
file(READ ${README} readme)
file(READ ${SAMPLE} sample)
string(FIND "${readme}" "```cpp\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${README}: no ```cpp block")
endif()
math(EXPR start "${start} + 7")
string(SUBSTRING "${readme}" ${start} -1 rest)
string(FIND "${rest}" "\n```\n" end)
math(EXPR end "${end} + 1")
string(SUBSTRING "${rest}" 0 ${end} block)
if(NOT block STREQUAL sample)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/readme_block.cpp "${block}")
  message(FATAL_ERROR "${README}'s first code block differs from ${SAMPLE} (the block is in "
                      "${CMAKE_CURRENT_BINARY_DIR}/readme_block.cpp): paste the file into the README")
endif()

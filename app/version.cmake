# Runs at every build (cmake -P): writes the version header from git, so a
# result names the commit that made it. configure_file rewrites the header
# only when its text changes, so an unchanged tree rebuilds nothing.
# Inputs: SOURCE_DIR, TEMPLATE, OUTPUT, PROJECT_VERSION, BUILD_TYPE, COMPILER.
set(GIT_COMMIT "unknown")
set(GIT_DESCRIBE "")
set(GIT_DIRTY "false")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD
                  WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE commit
                  RESULT_VARIABLE commit_result OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(commit_result EQUAL 0)
    set(GIT_COMMIT "${commit}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" describe --tags --always --dirty --abbrev=12
                    WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE GIT_DESCRIBE
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
                    WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE changes
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT changes STREQUAL "")
      set(GIT_DIRTY "true")
    endif()
  endif()
endif()
if(GIT_DESCRIBE STREQUAL "")
  set(COMMSIM_FULL_VERSION "${PROJECT_VERSION}")
else()
  set(COMMSIM_FULL_VERSION "${PROJECT_VERSION}+${GIT_DESCRIBE}")
endif()
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)

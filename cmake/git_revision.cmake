# Writes OUTPUT from cmake/version.cpp.in with the git revision of SOURCE_DIR, and
# "-dirty" when tracked files differ from it, so a binary's provenance says what it was
# built from. Run at configure time and again at every build (the target
# attune_revision); configure_file leaves OUTPUT untouched when nothing changed, so an
# unchanged revision recompiles nothing.
#   cmake -DSOURCE_DIR=<source> -DOUTPUT=version.cpp -DPROJECT_VERSION=x.y.z -P git_revision.cmake
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE ATTUNE_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT ATTUNE_GIT_REVISION)
  set(ATTUNE_GIT_REVISION "unknown")
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(changes)
    string(APPEND ATTUNE_GIT_REVISION "-dirty")
  endif()
endif()
configure_file(${SOURCE_DIR}/cmake/version.cpp.in ${OUTPUT} @ONLY)

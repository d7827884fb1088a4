# embed_files(OUTPUT <out.cc> NAMESPACE <ns> FUNCTION <fn> FILES <f>...)
# Generates a C++ source defining `std::span<const EmbeddedFile> ns::fn()`, holding the
# text of each file, so contracts (schemas, migrations) ship inside the binaries.
set(_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files_script.cmake)

function(embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(abs_files)
  foreach(f ${ARG_FILES})
    get_filename_component(af ${f} ABSOLUTE)
    list(APPEND abs_files ${af})
  endforeach()
  string(REPLACE ";" "|" files_arg "${abs_files}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} "-DFILES=${files_arg}" -P ${_EMBED_SCRIPT}
    DEPENDS ${abs_files} ${_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
endfunction()

# Fails when an object of the x86-64-v3 kernels defines a global or weak
# symbol outside its own namespaces (kernels_x86_64_v3, EigenX86_64_v3): the
# linker keeps one copy of a weak symbol, so an AVX2 copy of, say, a
# std::vector member could replace the portable one everywhere and crash on
# CPUs without AVX2.
#   cmake -DNM=nm -DOBJECTS=a.o;b.o -P kernel_symbols_check.cmake
foreach(object IN LISTS OBJECTS)
  execute_process(COMMAND ${NM} --defined-only --demangle ${object}
                  OUTPUT_VARIABLE symbols RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${NM} failed on ${object}")
  endif()
  string(REPLACE "\n" ";" lines "${symbols}")
  set(foreign "")
  foreach(line IN LISTS lines)
    # "ADDRESS TYPE NAME": upper-case types (and u, unique) are visible to the linker.
    if(line MATCHES "^[0-9a-f]+ ([A-Zu]) (.*)$")
      set(name "${CMAKE_MATCH_2}")
      # Allowed besides: the personality reference, type descriptions (data,
      # the same bytes in every build; UBSan makes them for function types)
      # and two helpers with no arithmetic in them.
      if(NOT name MATCHES "kernels_x86_64_v3|EigenX86_64_v3" AND
         NOT name MATCHES "^DW\\.ref\\.__gxx_personality_v0$|^typeinfo |^__clang_call_terminate$|^std::bad_alloc::bad_alloc\\(\\)$")
        list(APPEND foreign "${line}")
      endif()
    endif()
  endforeach()
  if(foreign)
    string(REPLACE ";" "\n  " shown "${foreign}")
    message(FATAL_ERROR "${object} defines symbols outside its namespaces:\n  ${shown}")
  endif()
  message(STATUS "${object}: every global symbol is the x86-64-v3 build's own")
endforeach()

# attune_read_plain_text(PATH VAR): the text of PATH in VAR, without a UTF-8 byte-order mark
# at its start and without the '\r' of CRLF line ends, as a spreadsheet may save a table
# (the same text sim/io/text_lines.hpp gives a reader).
function(attune_read_plain_text path variable)
  file(READ ${path} text)
  string(SUBSTRING "${text}" 0 3 head)
  string(HEX "${head}" head)
  if(head STREQUAL "efbbbf")
    string(SUBSTRING "${text}" 3 -1 text)
  endif()
  string(REPLACE "\r\n" "\n" text "${text}")
  set(${variable} "${text}" PARENT_SCOPE)
endfunction()

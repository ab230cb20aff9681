// cmake/plain_text.cmake, through which the build embeds models/parameters.csv: a table
// saved by a spreadsheet (byte-order mark, CRLF) is embedded as the plain text, so the
// parameter table the program runs with does not depend on the editor that saved it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "tests/support/process_support.hpp"

using namespace attune::testing;

TEST_CASE("scripts/plain_text: a table with a byte-order mark and CRLF line ends is embedded as the plain text") {
  TempFolder folder("attune_plain_text", "cmake");
  write_text(folder / "table.csv", "\xEF\xBB\xBFgroup,name,\"a;b\"\r\ninfant,reactivity,1\r\n");
  const auto script = write_text(folder / "embed.cmake",
                                 "include(" + std::string(ATTUNE_SOURCE_DIR) + "/cmake/plain_text.cmake)\n"
                                 "attune_read_plain_text(${CMAKE_CURRENT_LIST_DIR}/table.csv text)\n"
                                 "file(WRITE ${CMAKE_CURRENT_LIST_DIR}/embedded.txt \"${text}\")\n");
  const std::string command = shell_quoted(ATTUNE_CMAKE) + " -P " + shell_quoted(script.string());
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(read_text(folder / "embedded.txt") == "group,name,\"a;b\"\ninfant,reactivity,1\n");
}

// Golden run: the default scenario at a small size, seed fixed, must reproduce the
// committed dyads.csv byte for byte. A deliberate model change regenerates it with
// scripts/update-golden.sh (and says so in the commit message).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("golden: normative, 24 dyads, seed 7, reproduces tests/golden/normative_24.csv") {
  const auto out = std::filesystem::temp_directory_path() / ("attune_golden_" + std::to_string(::getpid()));
  const std::string command = std::string(ATTUNE_BINARY) + " run " + ATTUNE_SOURCE_DIR +
                              "/scenarios/normative.yaml --dyads 24 --seed 7 --threads 2 --out " + out.string() +
                              " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string expected = slurp(std::string(ATTUNE_SOURCE_DIR) + "/tests/golden/normative_24.csv");
  REQUIRE(!expected.empty());
  CHECK(slurp(out / "dyads.csv") == expected);
  std::filesystem::remove_all(out);
}

// `attune serve --class` on the command line (sim/cli/serve_command.cpp): under the
// "listening on" line it prints the join code, the students' address and the teacher's;
// --max-students, --students-per-address and --connections-per-address outside their
// ranges exit 2 naming the option, and the class-only ones without --class too.
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "tests/support/process_support.hpp"

TEST_CASE("sim/serve/class: serve --class prints the join code, the students' and the teacher's addresses",
          "[serve][class]") {
  attune::testing::TempFolder folder("attune_serve", "class_lines");
  // SIGTERM after 3 s stops the server cleanly (timeout's own status is then 124).
  const auto result =
      attune::testing::run_attune("serve --class --bind 0.0.0.0 --port 0", folder.path(), "timeout -s TERM 3 ");
  INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);
  std::smatch port;
  REQUIRE(std::regex_search(result.out, port, std::regex("^attune serve: listening on http://0\\.0\\.0\\.0:(\\d+)/")));
  const std::string p = port[1].str();
  CHECK(std::regex_search(result.out,
                          std::regex("\nattune serve: class join code: [23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}\n")));
  // For 0.0.0.0 the students need this machine's network address (or are told to find it).
  CHECK((std::regex_search(result.out, std::regex("\nattune serve: students open http://(\\d+\\.){3}\\d+:" + p +
                                                  "/join\n")) ||
         result.out.find("students open http://<this machine's address>:" + p + "/join") != std::string::npos));
  CHECK(std::regex_search(result.out,
                          std::regex("\nattune serve: teacher opens http://[^/]+:" + p + "/#teacher=[0-9a-f]{32} ")));
  CHECK_THAT(result.out, Catch::EndsWith("attune serve: stopped\n"));
}

TEST_CASE("sim/serve/class: class limit options outside their range exit 2 naming them", "[serve][class]") {
  attune::testing::TempFolder folder("attune_serve", "class_limit_options");
  const auto [option, value] = GENERATE(table<std::string, std::string>({{"--max-students", "0"},
                                                                        {"--max-students", "1001"},
                                                                        {"--students-per-address", "0"},
                                                                        {"--students-per-address", "1001"},
                                                                        {"--connections-per-address", "0"},
                                                                        {"--connections-per-address", "65"}}));
  const std::string args = "serve --class --port 0 " + option + " " + value;
  const auto result = attune::testing::run_attune(args, folder.path());
  INFO("attune " << args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK_THAT(result.err, Catch::Contains(option));
}

TEST_CASE("sim/serve/class: class-only options without --class exit 2 naming them", "[serve][class]") {
  // They would be silently ignored by a server without a class.
  attune::testing::TempFolder folder("attune_serve", "class_only_options");
  const std::string option = GENERATE(std::string("--max-students 30"), std::string("--students-per-address 30"));
  const std::string args = "serve --port 0 " + option;
  const auto result = attune::testing::run_attune(args, folder.path(), "timeout -s TERM 3 ");
  INFO("attune " << args << "\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK_THAT(result.err, Catch::Contains(option.substr(0, option.find(' '))));
  CHECK_THAT(result.err, Catch::Contains("--class"));
}

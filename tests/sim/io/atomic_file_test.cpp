// Unit tests of sim/io's output files and folders: temporaries made exclusively under
// unpredictable names, links refused, killed writers' leftovers told from live ones, a
// folder replaced in one step, and the errors of a full disk.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <string>

#include "sim/io/atomic_file.hpp"
#include "sim/io/detail/descriptor_buffer.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/io/temporary_files.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune;
using attune::testing::read_text;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

/// The names in `folder`.
std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("sim/io: an atomic file is made exclusively under an unpredictable name and appears only when committed") {
  TempFolder folder("attune_io", "atomic");
  const fs::path target = folder / "summary.json";
  const mode_t before = ::umask(022);
  {
    AtomicFile first(target.string()), second(target.string());
    const auto names = names_in(folder.path());
    REQUIRE(names.size() == 2);  // two temporaries, neither under the target's name
    for (const auto& name : names) {
      CHECK(is_temporary_name(name));
      CHECK(name.rfind(".summary.json.tmp-", 0) == 0);
    }
    first.stream() << "first\n";
    first.commit();
    CHECK(read_text(target) == "first\n");
    second.stream() << "second, abandoned\n";
  }  // the uncommitted one is removed
  ::umask(before);
  CHECK(names_in(folder.path()) == std::set<std::string>{"summary.json"});
  CHECK(read_text(target) == "first\n");
  struct stat status {};
  REQUIRE(::stat(target.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0644);  // the umask applies, as to any file the user makes
}

TEST_CASE("sim/io: a symbolic link where an output goes is refused, before and during the writing") {
  TempFolder folder("attune_io", "link");
  const fs::path victim = write_text(folder / "victim.txt", "keep me\n");
  fs::create_symlink(victim, folder / "dyads.csv");
  CHECK_THROWS_WITH(AtomicFile((folder / "dyads.csv").string()), Catch::Contains("is a symbolic link"));

  // Planted while the file is written: the rename would replace the link, not follow it,
  // but the output is refused all the same.
  AtomicFile late((folder / "cells.csv").string());
  late.stream() << "table\n";
  fs::create_symlink(victim, folder / "cells.csv");
  CHECK_THROWS_AS(late.commit(), OutputError);
  CHECK(read_text(victim) == "keep me\n");
  CHECK(fs::is_symlink(folder / "cells.csv"));
}

TEST_CASE("sim/io: a killed writer's temporaries are removed, a live writer's kept, a planted link removed itself") {
  TempFolder folder("attune_io", "stale");
  const fs::path victim = write_text(folder / "victim.txt", "keep me\n");
  AtomicFile live((folder / "sweep.json").string());
  // Made by process 99999999, beyond any pid_max: a killed run's.
  write_text(folder / ".cells.csv.tmp-99999999-AbCd1234", "a killed run's half table\n");
  fs::create_directories(folder / ".000003.tmp-99999999-Zz9Yy8Xx" / "inner");
  fs::create_symlink(victim, folder / ".summary.json.tmp-99999999-Qq7Ww6Ee");
  write_text(folder / "cells.csv.tmp.4242", "not ours by name: kept\n");
  // Made by a live process and not yet locked (the moment between open and flock): kept.
  write_text(folder / (".design.csv.tmp-" + std::to_string(::getpid()) + "-Unlocked"), "being made\n");

  CHECK(remove_stale_temporaries(folder.path(), "other.csv") == 0);  // only that target's
  CHECK(remove_stale_temporaries(folder.path()) == 3);
  std::set<std::string> left = names_in(folder.path());
  CHECK(left.count("victim.txt") == 1);
  CHECK(left.count("cells.csv.tmp.4242") == 1);
  CHECK(left.size() == 4);  // and the live writers' temporaries
  CHECK(read_text(victim) == "keep me\n");
  live.stream() << "{}\n";
  live.commit();  // its temporary survived the clean-up
  CHECK(read_text(folder / "sweep.json") == "{}\n");
}

TEST_CASE("sim/io: a staged folder appears whole, replaces an older one in one step, and leaves nothing when abandoned") {
  TempFolder folder("attune_io", "staged");
  const fs::path target = folder / "runs" / "a";
  const auto any_folder = [](const fs::path&) { return std::string(); };
  {
    StagedFolder staged(target.string(), any_folder);
    write_text(staged.path() / "old.csv", "old\n");
    write_text(staged.path() / "only_old.txt", "old\n");
    CHECK(!fs::exists(target));
    staged.commit();
  }
  CHECK(read_text(target / "old.csv") == "old\n");
  {
    StagedFolder abandoned(target.string(), any_folder);
    write_text(abandoned.path() / "old.csv", "half\n");
  }
  CHECK(names_in(folder / "runs") == std::set<std::string>{"a"});
  CHECK(read_text(target / "old.csv") == "old\n");
  {
    StagedFolder staged(target.string(), any_folder);
    write_text(staged.path() / "old.csv", "new\n");
    staged.commit();
  }
  // The old folder went as a whole: none of its files is left beside the new ones.
  CHECK(names_in(target) == std::set<std::string>{"old.csv"});
  CHECK(read_text(target / "old.csv") == "new\n");
  CHECK(names_in(folder / "runs") == std::set<std::string>{"a"});

  // A folder the check refuses, a link in place of the folder, a path that names no folder.
  const auto refuse = [](const fs::path& f) { return f.string() + " is not ours"; };
  CHECK_THROWS_WITH(StagedFolder(target.string(), refuse), Catch::Contains("is not ours"));
  fs::create_symlink(target, folder / "link");
  CHECK_THROWS_WITH(StagedFolder((folder / "link").string(), any_folder), Catch::Contains("is a symbolic link"));
  for (const char* unnamed : {".", "..", "/", "a/.."})
    CHECK_THROWS_WITH(StagedFolder(unnamed, any_folder), Catch::Contains("name the folder itself"));
  CHECK(names_in(folder / "runs") == std::set<std::string>{"a"});
}

TEST_CASE("sim/io: a write to a full disk is reported with the system's reason") {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    WARN("no /dev/full here: the full-disk error of the stream buffer is not tested");
    return;
  }
  detail::DescriptorBuffer buffer(fd);
  std::ostream out(&buffer);
  for (int i = 0; i < 20000; ++i) out << "0123456789";  // past the buffer
  out.flush();
  CHECK(buffer.error() == ENOSPC);
  CHECK(!out);
  ::close(fd);
}

TEST_CASE("sim/io: a folder built step by step is complete only once marked, and no longer once worked on") {
  TempFolder folder("attune_io", "complete");
  CHECK(!is_complete(folder.path()));
  mark_complete(folder.path());
  CHECK(is_complete(folder.path()));
  mark_incomplete(folder.path());
  CHECK(!is_complete(folder.path()));
  mark_incomplete(folder.path());  // twice is no error
  fs::create_directories(folder / kCompleteMarker);
  CHECK(!is_complete(folder.path()));  // only a file counts
}

#pragma once
// Shared by the tests that run the attune binary as a process.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace attune::testing {

namespace fs = std::filesystem;

/// A folder of its own for one test case, removed when the test ends. Test cases run as
/// parallel processes, so the name carries a prefix, the test's name and the process id.
class TempFolder {
 public:
  TempFolder(const std::string& prefix, const std::string& test_name)
      : path_(fs::temp_directory_path() / (prefix + "_" + test_name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

/// `text` quoted for /bin/sh.
inline std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A path quoted for the shell (shell_quoted on its text).
inline std::string quoted_path(const fs::path& path) { return shell_quoted(path.string()); }

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Writes `text` to `path` and returns the path.
inline fs::path write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// What a run of the attune binary left.
struct Result {
  int status = -1;  ///< the exit status, or 128 + signal when killed by one
  std::string out, err;
};

/// Runs `PREFIX attune ARGS` (ARGS already shell-quoted where needed; PREFIX an environment
/// assignment or a launcher such as mpirun) with stdin from /dev/null and stdout/stderr
/// captured into files under `logs`, as a pipe or script would.
inline Result run_attune(const std::string& args, const fs::path& logs, const std::string& prefix = "") {
  const fs::path out = logs / "stdout.txt", err = logs / "stderr.txt";
  const std::string command = prefix + shell_quoted(ATTUNE_BINARY) + " " + args + " </dev/null >" +
                              shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
  const int raw = std::system(command.c_str());
  REQUIRE(raw != -1);
  Result result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

/// The cell folders of a sweep's output folder in place (a temporary one starts with '.').
inline std::size_t sweep_cells_in_place(const fs::path& out) {
  std::size_t count = 0;
  if (!fs::exists(out / "cells")) return 0;
  for (const auto& entry : fs::directory_iterator(out / "cells")) count += entry.path().filename().string().front() != '.';
  return count;
}

/// Starts `attune ARGS...` with stdout and stderr to /dev/null; the child's pid (-1 when
/// fork failed).
inline pid_t start_attune_quietly(const std::vector<std::string>& args) {
  std::vector<char*> argv{const_cast<char*>(ATTUNE_BINARY)};
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::execv(ATTUNE_BINARY, argv.data());
    ::_exit(127);
  }
  return child;
}

/// Kills `child` with SIGKILL and reaps it. True when it died of the signal, false when it
/// had exited by then.
inline bool kill_and_reap(pid_t child) {
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFSIGNALED(status);
}

/// Starts `attune COMMAND FILE --threads 1 --out OUT` and kills it with SIGKILL once `cells`
/// cell folders are in place in the sweep folder `watched` (with 0, almost at once: the
/// folder may hold nothing yet). True when it died of the signal.
inline bool attune_killed_after(const char* command, const fs::path& file, const fs::path& out, const fs::path& watched,
                                std::size_t cells) {
  const pid_t child = start_attune_quietly({command, file.string(), "--threads", "1", "--out", out.string()});
  if (child < 0) return false;
  if (cells == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  } else {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (sweep_cells_in_place(watched) < cells && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return kill_and_reap(child);
}

/// Starts `attune ARGS...` (stdout and stderr to /dev/null) and kills it with SIGKILL after
/// `delay`. True when it died of the signal, false when it had exited by then.
inline bool attune_killed_at(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  const pid_t child = start_attune_quietly(args);
  if (child < 0) return false;
  std::this_thread::sleep_for(delay);
  return kill_and_reap(child);
}

/// The names in `folder` that a killed writer's temporaries have (sim/io/temporary_files.hpp).
inline std::vector<std::string> temporaries_in(const fs::path& folder) {
  std::vector<std::string> found;
  if (!fs::is_directory(folder)) return found;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.' && name.find(".tmp-") != std::string::npos) found.push_back(name);
  }
  return found;
}

/// `attune sweep SWEEP` killed once `cells` of its cells are in place; true when it died
/// of the signal before writing its cells.csv.
inline bool sweep_killed_after(const fs::path& sweep, const fs::path& out, std::size_t cells) {
  return attune_killed_after("sweep", sweep, out, out, cells) && !fs::exists(out / "cells.csv");
}

}  // namespace attune::testing

#pragma once
/// Running attune on a mutant, fenced: each command in a child process with a time limit,
/// in a working folder that must stay empty when the command fails.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace attune::fuzz {

namespace fs = std::filesystem;

/// How one attune command ended.
struct Outcome {
  int exit_code = -1;  ///< -1 when it did not exit (a signal, or killed at the time limit)
  int signal = 0;      ///< the signal that ended it; 0 if none
  bool timed_out = false;
  std::string out, err;
  std::chrono::duration<double> seconds{};
};

/// The shipped input files copied into ROOT/inputs (a mutant replaces one copy, so its
/// `base:` finds the others as it would beside the originals) and an empty working folder
/// ROOT/work where the commands run; anything else found in either afterwards was left
/// behind by a command.
class Sandbox {
 public:
  Sandbox(const fs::path& root, const fs::path& shipped_folder);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  /// The shipped files' names, sorted, and their texts.
  const std::map<std::string, std::string>& originals() const { return originals_; }
  /// Writes `text` over the copy of `name` and returns its path.
  fs::path put(const std::string& name, const std::string& text);
  void restore(const std::string& name);
  const fs::path& root() const { return root_; }
  fs::path work() const { return root_ / "work"; }
  /// What is neither a shipped input (with its original name) nor under `allowed`, relative to the root.
  std::vector<std::string> strays(const fs::path& allowed = {}) const;
  /// Empties the working folder (after a run that was meant to write).
  void clear_work() const;

 private:
  fs::path root_;
  std::map<std::string, std::string> originals_;
};

/// `attune validate FILE` run by this process's own copy of the CLI in a forked child
/// (no binary to start: a thousandth of the cost), in `cwd`; killed at `limit`.
Outcome validate_in_child(const fs::path& file, const fs::path& cwd, const fs::path& logs,
                          std::chrono::milliseconds limit);

/// The attune binary with `args`, in `cwd`, stdin from /dev/null; killed at `limit`.
Outcome run_binary(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& logs,
                   std::chrono::milliseconds limit);

/// What breaks the promise for a refused input, or "" when `outcome` is exit 1 or 2 (no
/// signal, no time-out) with a first error line that names `file` ("FILE:LINE:COL: ..." or,
/// for the whole file, "FILE: ...") or a file beside it, one of its bases (where an
/// inherited value is written that no longer fits what the mutant changed).
std::string refusal_problem(const Outcome& outcome, const fs::path& file);

/// True when the first error line also gives a line and a key ("FILE:LINE:COL: key 'K': ...").
bool names_line_and_key(const Outcome& outcome, const fs::path& file);

/// "exit 2", "signal 11", "killed after 10 s"; for failure reports.
std::string ending(const Outcome& outcome);

}  // namespace attune::fuzz

#include "tests/fuzz/mutant_check.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "sim/cli/cli.hpp"

namespace attune::fuzz {
namespace {

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

/// In a freshly forked child: stdin from /dev/null, stdout and stderr into LOGS/{stdout,stderr}.txt,
/// working folder `cwd`, ended by SIGALRM after `limit`.
void enter_child(const fs::path& cwd, const fs::path& logs, std::chrono::milliseconds limit) {
  const int null = ::open("/dev/null", O_RDONLY);
  const int out = ::open((logs / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open((logs / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (null < 0 || out < 0 || err < 0 || ::dup2(null, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
      ::dup2(err, STDERR_FILENO) < 0 || ::chdir(cwd.c_str()) != 0)
    ::_exit(120);
  // The test framework's handlers would report a crash as its own; the child dies of it as the binary would.
  for (const int fatal : {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS, SIGALRM}) ::signal(fatal, SIG_DFL);
  // The time limit: a real-time timer survives exec, and its SIGALRM (which attune does
  // not handle) ends the child, so the parent can simply wait.
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(limit).count();
  const itimerval timer{{0, 0}, {static_cast<time_t>(micros / 1000000), static_cast<suseconds_t>(micros % 1000000)}};
  ::setitimer(ITIMER_REAL, &timer, nullptr);
}

/// Waits for `child`, which its own timer kills with SIGALRM at its time limit; fills in
/// how it ended and what it wrote.
Outcome await(pid_t child, const fs::path& logs) {
  const auto start = std::chrono::steady_clock::now();
  Outcome outcome;
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  outcome.seconds = std::chrono::steady_clock::now() - start;
  outcome.timed_out = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status) && !outcome.timed_out) outcome.signal = WTERMSIG(status);
  outcome.out = file_text(logs / "stdout.txt");
  outcome.err = file_text(logs / "stderr.txt");
  return outcome;
}

pid_t fork_or_throw() {
  std::cout.flush();
  std::cerr.flush();
  const pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  return child;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

Sandbox::Sandbox(const fs::path& root, const fs::path& shipped_folder) : root_(root) {
  fs::remove_all(root_);
  fs::create_directories(root_ / "inputs");
  fs::create_directories(work());
  for (const auto& entry : fs::directory_iterator(shipped_folder)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    originals_[name] = file_text(entry.path());
    write_file(root_ / "inputs" / name, originals_[name]);
  }
}

Sandbox::~Sandbox() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

fs::path Sandbox::put(const std::string& name, const std::string& text) {
  write_file(root_ / "inputs" / name, text);
  return root_ / "inputs" / name;
}

void Sandbox::restore(const std::string& name) { write_file(root_ / "inputs" / name, originals_.at(name)); }

std::vector<std::string> Sandbox::strays(const fs::path& allowed) const {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    const fs::path& path = entry.path();
    const fs::path relative = path.lexically_relative(root_);
    const std::string top = relative.begin()->string();
    if (relative == "inputs" || relative == "work" || top == "logs") continue;
    if (!allowed.empty() && (path == allowed || path.string().rfind(allowed.string() + "/", 0) == 0)) continue;
    if (top == "inputs" && relative.parent_path() == "inputs" && originals_.count(path.filename().string()) &&
        entry.is_regular_file())
      continue;
    found.push_back(relative.string());
  }
  return found;
}

void Sandbox::clear_work() const {
  fs::remove_all(work());
  fs::create_directories(work());
}

Outcome validate_in_child(const fs::path& file, const fs::path& cwd, const fs::path& logs,
                          std::chrono::milliseconds limit) {
  const pid_t child = fork_or_throw();
  if (child == 0) {
    enter_child(cwd, logs, limit);
#if !defined(__SANITIZE_ADDRESS__)
    // A loader that allocates without bound meets a limit here instead of the machine's
    // memory (AddressSanitizer reserves terabytes of address space, so not under it).
    const rlimit memory{std::size_t{4} << 30, std::size_t{4} << 30};
    ::setrlimit(RLIMIT_AS, &memory);
#endif
    std::string program = "attune", command = "validate", path = file.string();
    char* argv[] = {program.data(), command.data(), path.data(), nullptr};
    const int code = run_cli(3, argv);  // what escapes it ends the child as it would the binary
    std::cout.flush();
    std::cerr.flush();
    ::_exit(code);
  }
  return await(child, logs);
}

Outcome run_binary(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& logs,
                   std::chrono::milliseconds limit) {
  std::vector<std::string> words{ATTUNE_BINARY};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t child = fork_or_throw();
  if (child == 0) {
    enter_child(cwd, logs, limit);
    ::execv(ATTUNE_BINARY, argv.data());
    ::_exit(127);
  }
  return await(child, logs);
}

namespace {

/// The input file the first error line starts with ("FILE:..."): the mutant, or a file
/// beside it (its `base:` chain, where an inherited value that no longer fits is written).
std::string named_input(const std::string& line, const fs::path& file) {
  const std::string folder = file.parent_path().string() + "/";
  if (line.rfind(folder, 0) != 0) return "";
  const std::size_t colon = line.find(':', folder.size());
  if (colon == std::string::npos) return "";
  const std::string named = line.substr(0, colon);
  return named == file.string() || fs::is_regular_file(named) ? named : "";
}

}  // namespace

std::string refusal_problem(const Outcome& outcome, const fs::path& file) {
  if (outcome.timed_out) return "no answer within the time limit";
  if (outcome.signal != 0) return "ended by signal " + std::to_string(outcome.signal);
  if (outcome.exit_code != 1 && outcome.exit_code != 2) return "exit " + std::to_string(outcome.exit_code);
  if (named_input(first_line(outcome.err), file).empty()) return "the first error line names no input file";
  return "";
}

bool names_line_and_key(const Outcome& outcome, const fs::path& file) {
  const std::string line = first_line(outcome.err);
  const std::string named = named_input(line, file);
  if (named.empty()) return false;
  std::size_t at = named.size() + 1, digits = 0;
  while (at < line.size() && std::isdigit(static_cast<unsigned char>(line[at]))) ++at, ++digits;
  return digits > 0 && line.find(" key '", at) != std::string::npos;
}

std::string ending(const Outcome& outcome) {
  if (outcome.timed_out) return "killed after " + std::to_string(outcome.seconds.count()) + " s";
  if (outcome.signal != 0) return "signal " + std::to_string(outcome.signal);
  return "exit " + std::to_string(outcome.exit_code);
}

}  // namespace attune::fuzz

#include "sim/io/temporary_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <random>

#include "sim/io/output_error.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTemporaryMark = ".tmp-";
constexpr std::size_t kRandomLetters = 8;
/// A target's name is cut to this many bytes in its temporaries, so that the longest name a
/// file system allows (255 bytes) still leaves room for the dot and the mark.
constexpr std::size_t kTargetPrefix = 200;
constexpr int kAttempts = 100;

std::string target_part(const std::string& target_name) { return target_name.substr(0, kTargetPrefix); }

/// Letters and digits from the kernel's generator (random_device where getrandom fails), so
/// nobody can plant a file under the name before it is made.
std::string random_letters() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[kRandomLetters];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    std::random_device device;
    for (auto& byte : bytes) byte = static_cast<unsigned char>(device());
  }
  std::string letters;
  for (unsigned char byte : bytes) letters += kAlphabet[byte % (sizeof kAlphabet - 1)];
  return letters;
}

fs::path temporary_path(const fs::path& target) {
  return target.parent_path() / ("." + target_part(target.filename().string()) + kTemporaryMark +
                                 std::to_string(::getpid()) + "-" + random_letters());
}

/// A temporary's name taken apart: its target's part and its maker's process id.
struct TemporaryName {
  std::string target;
  pid_t maker = 0;
};

/// ".<target>.tmp-<pid>-<random>", or nothing for any other name.
std::optional<TemporaryName> parse_temporary_name(const std::string& name) {
  const auto mark = name.rfind(kTemporaryMark);
  if (name.empty() || name.front() != '.' || mark == std::string::npos || mark < 2) return std::nullopt;
  const std::string tail = name.substr(mark + std::strlen(kTemporaryMark));
  const auto dash = tail.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 10 || tail.size() != dash + 1 + kRandomLetters) return std::nullopt;
  long long pid = 0;
  for (std::size_t i = 0; i < dash; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(tail[i]))) return std::nullopt;
    pid = pid * 10 + (tail[i] - '0');
  }
  for (std::size_t i = dash + 1; i < tail.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(tail[i]))) return std::nullopt;
  if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) return std::nullopt;
  return TemporaryName{name.substr(1, mark - 1), static_cast<pid_t>(pid)};
}

/// Whether a process of this id runs on this machine (it may be another's, after a reuse: the
/// temporary then waits for a later clean-up).
bool process_lives(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

[[noreturn]] void creation_failed(const fs::path& target, const char* what, int error) {
  throw OutputError(target.string() + ": cannot create " + what + " beside it: " + std::strerror(error));
}

/// Holds the lock for the maker's lifetime; where the file system has no flock the
/// temporary simply goes unprotected from a concurrent clean-up.
void hold_lock(int fd) { static_cast<void>(::flock(fd, LOCK_EX | LOCK_NB)); }

}  // namespace

Temporary Temporary::file_beside(const fs::path& target) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    fs::path path = temporary_path(target);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) {
      hold_lock(fd);
      return Temporary(std::move(path), fd);
    }
    if (errno != EEXIST) creation_failed(target, "a temporary file", errno);
  }
  creation_failed(target, "a temporary file", EEXIST);
}

Temporary Temporary::folder_beside(const fs::path& target) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    fs::path path = temporary_path(target);
    if (::mkdir(path.c_str(), 0777) != 0) {
      if (errno != EEXIST) creation_failed(target, "a temporary folder", errno);
      continue;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      ::rmdir(path.c_str());
      creation_failed(target, "a temporary folder", error);
    }
    hold_lock(fd);
    return Temporary(std::move(path), fd);
  }
  creation_failed(target, "a temporary folder", EEXIST);
}

Temporary::Temporary(Temporary&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

Temporary::~Temporary() { close(); }

int Temporary::close() {
  if (fd_ < 0) return 0;
  const int result = ::close(fd_);
  fd_ = -1;
  return result == 0 ? 0 : errno;
}

bool is_temporary_name(const std::string& name) { return parse_temporary_name(name).has_value(); }

std::size_t remove_stale_temporaries(const fs::path& folder, const std::string& of) {
  std::error_code error;
  std::size_t removed = 0;
  for (fs::directory_iterator entries(folder, error), end; !error && entries != end; entries.increment(error)) {
    const fs::path path = entries->path();
    const auto parsed = parse_temporary_name(path.filename().string());
    if (!parsed || (!of.empty() && parsed->target != target_part(of))) continue;
    // Its maker alive on this machine: a live run's, even in the moment between making it
    // and locking it.
    if (process_lives(parsed->maker)) continue;
    // O_NONBLOCK: a FIFO planted under such a name must not hang the open. A symbolic link
    // (ELOOP) is removed itself, never what it points to.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && errno != ELOOP) continue;
    if (fd >= 0) {
      // Locked: a live run's on another machine sharing the folder. Any other failure to
      // lock (NFS turns flock into byte-range locks, which a read-only descriptor cannot
      // take exclusively: EBADF) says nothing about its maker, so the file is kept.
      const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
      ::close(fd);
      if (held) continue;
    }
    std::error_code ignored;
    if (fs::remove_all(path, ignored) > 0) ++removed;
  }
  return removed;
}

}  // namespace attune

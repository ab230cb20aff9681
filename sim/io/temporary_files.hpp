#pragma once
/// Temporary files and folders beside an output, made exclusively (O_CREAT | O_EXCL |
/// O_NOFOLLOW; mkdir) under unpredictable names, ".<target>.tmp-<pid>-<8 random letters or
/// digits>", and held locked (flock) while their maker lives. A link planted under such a
/// name cannot be followed, and a later run tells what a killed one left (its maker gone,
/// no lock held) from what a live one is writing (its maker alive here, or its lock held
/// from another machine sharing the folder), and removes only the first.
#include <cstddef>
#include <filesystem>
#include <string>

namespace attune {

class Temporary {
 public:
  /// A new empty file beside `target`, open for writing (mode 0666 less the umask).
  /// Throws OutputError naming `target`.
  static Temporary file_beside(const std::filesystem::path& target);
  /// A new empty folder beside `target` (mode 0777 less the umask). Throws OutputError.
  static Temporary folder_beside(const std::filesystem::path& target);

  Temporary(Temporary&& other) noexcept;
  Temporary& operator=(Temporary&&) = delete;
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  /// Closes the descriptor, which releases the lock; removes nothing.
  ~Temporary();

  const std::filesystem::path& path() const { return path_; }
  int fd() const { return fd_; }
  /// Closes the descriptor now; returns close()'s errno, or 0.
  int close();

 private:
  Temporary(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::filesystem::path path_;
  int fd_ = -1;
};

/// True for a name Temporary makes (of any target).
bool is_temporary_name(const std::string& name);

/// Removes from `folder` the temporary files and folders no live process holds: what
/// killed runs left. With `of`, only those beside that target name. Returns how many went.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder, const std::string& of = "");

}  // namespace attune

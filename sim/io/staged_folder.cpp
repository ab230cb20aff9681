#include "sim/io/staged_folder.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/output_error.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

/// What lstat says of `path`: absent, a link, a folder or something else.
enum class FoundAt { nothing, link, folder, other };

FoundAt what_is_at(const fs::path& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return FoundAt::nothing;
  if (S_ISLNK(status.st_mode)) return FoundAt::link;
  return S_ISDIR(status.st_mode) ? FoundAt::folder : FoundAt::other;
}

std::string link_refusal(const std::string& path) {
  return path + " is a symbolic link; attune writes no output through a link (give the folder itself)";
}

/// Renames `from` to `to`; with `flags` 0 a plain rename. renameat2's flags are not known to
/// every file system: EINVAL then means "not here", and the caller falls back.
int rename_with(const fs::path& from, const fs::path& to, unsigned flags) {
  if (flags == 0) return std::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
  return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0 ? 0 : errno;
}

[[noreturn]] void rename_failed(const fs::path& target, int error) {
  throw OutputError(target.string() + ": cannot rename the finished output folder into place: " + std::strerror(error));
}

}  // namespace

fs::path output_folder_path(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("the output folder must not be empty");
  fs::path path = fs::path(text).lexically_normal();
  if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) path = path.parent_path();
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw std::invalid_argument("output folder " + text +
                                ": name the folder itself (its last part must be a name, not '.', '..' or '/')");
  switch (what_is_at(path)) {
    case FoundAt::link: throw std::invalid_argument("output folder " + link_refusal(text));
    case FoundAt::other: throw std::invalid_argument("output folder " + text + " exists and is not a folder");
    default: break;
  }
  return path;
}

std::string first_link_inside(const fs::path& folder) {
  std::error_code error;
  for (fs::recursive_directory_iterator entries(folder, error), end; !error && entries != end; entries.increment(error))
    if (entries->is_symlink(error)) return entries->path().string();
  return "";
}

StagedFolder::StagedFolder(const std::string& target, const ReplaceCheck& replaceable)
    : target_(output_folder_path(target)), replaceable_(replaceable), staging_([&] {
        if (what_is_at(target_) == FoundAt::folder)
          if (const std::string why = replaceable_(target_); !why.empty()) throw std::invalid_argument(why);
        if (target_.has_parent_path()) try {
            fs::create_directories(target_.parent_path());
          } catch (const fs::filesystem_error& error) {
            throw OutputError("output folder " + target_.string() + ": cannot make the folder it goes in: " +
                              error.code().message());
          }
        remove_stale_temporaries(target_.has_parent_path() ? target_.parent_path() : fs::path("."),
                                 target_.filename().string());
        return Temporary::folder_beside(target_);
      }()) {}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_.path(), ignored);
}

void StagedFolder::commit() {
  const fs::path& staging = staging_.path();
  switch (what_is_at(target_)) {
    case FoundAt::link: throw std::invalid_argument("output folder " + link_refusal(target_.string()));
    case FoundAt::other: throw std::invalid_argument("output folder " + target_.string() + " exists and is not a folder");
    case FoundAt::folder:
      // The check of the start, again: the folder may have changed while the run ran.
      if (const std::string why = replaceable_(target_); !why.empty()) throw std::invalid_argument(why);
      break;
    case FoundAt::nothing:
      if (const int error = rename_with(staging, target_, RENAME_NOREPLACE); error == 0) {
        committed_ = true;
        return;
      } else if (error == EINVAL) {
        if (const int plain = rename_with(staging, target_, 0); plain != 0) rename_failed(target_, plain);
        committed_ = true;
        return;
      } else if (error != EEXIST) {
        rename_failed(target_, error);
      }
      // Made meanwhile: swapped out below like an old folder, if it may be replaced.
      if (const std::string why = replaceable_(target_); !why.empty()) throw std::invalid_argument(why);
      break;
  }
  // After the swap the staging name holds the old folder; a run killed before it is
  // removed leaves it for the next run's clean-up (remove_stale_temporaries).
  int error = rename_with(staging, target_, RENAME_EXCHANGE);
  if (error == EINVAL) {
    // No atomic swap on this file system: the old folder steps aside first, so for a moment
    // the target is absent (never a mix); a kill in that moment leaves both beside it.
    // Renamed over the empty folder made under an unused name.
    Temporary aside = Temporary::folder_beside(target_);
    if (const int moved = rename_with(target_, aside.path(), 0); moved != 0) rename_failed(target_, moved);
    error = rename_with(staging, target_, 0);
    if (error != 0) {
      rename_with(aside.path(), target_, 0);
      rename_failed(target_, error);
    }
    committed_ = true;
    std::error_code ignored;
    fs::remove_all(aside.path(), ignored);
    return;
  }
  if (error != 0) rename_failed(target_, error);
  committed_ = true;
  std::error_code ignored;  // a folder left here is cleaned by the next run
  fs::remove_all(staging, ignored);
}

void mark_complete(const fs::path& folder) {
  write_file_atomically((folder / kCompleteMarker).string(), "finished: every file in this folder is whole\n");
}

void mark_incomplete(const fs::path& folder) {
  const fs::path marker = folder / kCompleteMarker;
  if (::unlink(marker.c_str()) != 0 && errno != ENOENT)
    throw OutputError(marker.string() + ": cannot remove: " + std::strerror(errno));
}

bool is_complete(const fs::path& folder) { return what_is_at(folder / kCompleteMarker) == FoundAt::other; }

}  // namespace attune

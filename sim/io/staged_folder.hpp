#pragma once
/// A folder that appears whole or not at all: made under a temporary name beside its
/// target (sim/io/temporary_files.hpp) and renamed into place by commit(). An older folder
/// at the target is swapped out in one step (renameat2 RENAME_EXCHANGE) and then removed,
/// so the target always holds one whole folder, the old or the new, never a mix.
#include <filesystem>
#include <functional>
#include <string>

#include "sim/io/temporary_files.hpp"

namespace attune {

/// Why an existing folder may not be replaced ("" when it may).
using ReplaceCheck = std::function<std::string(const std::filesystem::path& folder)>;

/// The output folder `text` names, checked: not empty, its last part a name (not "." or
/// ".."; a trailing '/' is dropped), not a symbolic link, not a file. Throws
/// std::invalid_argument naming `text`.
std::filesystem::path output_folder_path(const std::string& text);

/// The first symbolic link inside `folder` (at any depth), or "" when none.
std::string first_link_inside(const std::filesystem::path& folder);

class StagedFolder {
 public:
  /// Checks `target` (output_folder_path) and, when it exists, asks `replaceable`; creates
  /// its parent folders, removes the staging folders killed runs left beside it, and makes
  /// its own. Throws std::invalid_argument when the target
  /// may not be written, OutputError when nothing can be made beside it.
  StagedFolder(const std::string& target, const ReplaceCheck& replaceable);
  ~StagedFolder();  ///< removes the staging folder unless commit() succeeded
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  /// Where to write, until commit().
  const std::filesystem::path& path() const { return staging_.path(); }
  /// Renames the staging folder into place, replacing what is there (asked again of
  /// `replaceable`), then removes the old folder. Throws OutputError or std::invalid_argument.
  void commit();

 private:
  std::filesystem::path target_;
  ReplaceCheck replaceable_;
  Temporary staging_;
  bool committed_ = false;
};

/// The file a folder built step by step (a sweep's, a calibration's) holds once it is
/// finished: written last, removed first whenever the folder is worked on again, so a
/// reader that finds it finds every other file whole and of one run.
constexpr const char* kCompleteMarker = "COMPLETE";
void mark_complete(const std::filesystem::path& folder);
/// Removes the marker; throws OutputError when it is there and cannot be removed.
void mark_incomplete(const std::filesystem::path& folder);
bool is_complete(const std::filesystem::path& folder);

}  // namespace attune

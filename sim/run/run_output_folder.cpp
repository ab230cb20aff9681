#include "sim/run/run_output_folder.hpp"

#include "sim/io/staged_folder.hpp"

namespace attune {

namespace fs = std::filesystem;

std::string why_not_a_run_folder(const fs::path& folder) {
  std::error_code error;
  if (fs::is_empty(folder, error) && !error) return "";
  // A link is refused, not replaced: it may stand for files the user keeps elsewhere.
  if (const std::string link = first_link_inside(folder); !link.empty())
    return link + " is a symbolic link; attune replaces no output folder that holds a link (remove it, or choose "
                  "another --out)";
  if (!fs::is_regular_file(fs::symlink_status(folder / "summary.json", error)))
    return folder.string() + " exists and holds no finished run (no summary.json); attune replaces only an earlier "
                             "run's folder: remove it, or choose another --out";
  return "";
}

}  // namespace attune

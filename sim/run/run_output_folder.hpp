#pragma once
/// Where a run's outputs go: a folder staged beside --out and renamed into place whole
/// (sim/io/staged_folder.hpp), replacing an earlier run's folder and nothing else.
#include <filesystem>
#include <string>

namespace attune {

/// Why `folder` may not be replaced by a run's outputs; "" when it may: it is empty, or holds
/// an earlier run's outputs (a summary.json) and no symbolic link.
std::string why_not_a_run_folder(const std::filesystem::path& folder);

}  // namespace attune

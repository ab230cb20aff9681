#pragma once
/// Whether a large output table (dyads.csv, traces.csv) is written gzip-compressed, and
/// where a reader finds a table in either form.
#include <filesystem>
#include <string>

namespace attune {

enum class Compression { none, gzip };

/// The name a table is written under: `name`, or `name`.gz when compressed.
std::string compressed_name(const std::string& name, Compression compression);

/// Table `name` of `folder` as it was written: folder/name, or folder/name.gz when only that
/// exists (then it is read decompressed); folder/name when neither does, for the reader's
/// "not found" message.
std::filesystem::path written_table(const std::filesystem::path& folder, const std::string& name);

}  // namespace attune

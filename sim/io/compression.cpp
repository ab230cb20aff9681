#include "sim/io/compression.hpp"

namespace attune {

std::string compressed_name(const std::string& name, Compression compression) {
  return compression == Compression::gzip ? name + ".gz" : name;
}

std::filesystem::path written_table(const std::filesystem::path& folder, const std::string& name) {
  const auto plain = folder / name, compressed = folder / (name + ".gz");
  return !std::filesystem::exists(plain) && std::filesystem::exists(compressed) ? compressed : plain;
}

}  // namespace attune

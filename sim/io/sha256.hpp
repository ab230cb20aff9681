#pragma once
/// Hex SHA-256 of bytes, for provenance (a scenario's text, a sweep's identity).
#include <string>

namespace attune {

std::string sha256_hex(const std::string& bytes);

}  // namespace attune

#include "sim/serve/class_secrets.hpp"

#include <cstdint>
#include <random>

namespace attune::serve {

static_assert(kJoinCodeAlphabet.size() == 32, "an alphabet of 32 draws each character from 5 uniform bits");

std::string new_join_code() {
  std::random_device device;
  std::string code;
  for (std::size_t i = 0; i < kJoinCodeLength; ++i) code.push_back(kJoinCodeAlphabet[device() % 32]);
  return code;
}

std::string new_teacher_secret() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device device;
  std::string secret;
  for (int word = 0; word < 4; ++word) {  // 4 x 32 bits
    const std::uint32_t bits = device();
    for (int shift = 28; shift >= 0; shift -= 4) secret.push_back(kHex[(bits >> shift) & 0xf]);
  }
  return secret;
}

bool same_secret(std::string_view given, std::string_view secret) {
  // Every byte of the secret is compared whatever the given text, and the lengths are
  // folded in, so the time depends on the secret's length only (which is public).
  unsigned difference = given.size() == secret.size() ? 0u : 1u;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    difference |= static_cast<unsigned char>(g ^ secret[i]);
  }
  return difference == 0;
}

}  // namespace attune::serve

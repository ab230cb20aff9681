#pragma once
/// The two secrets of a class (`attune serve --class`): the join code students type, short
/// and easy to read off a projector, and the teacher's secret, long enough not to be guessed.
#include <string>
#include <string_view>

namespace attune::serve {

/// The join code's characters: capitals and digits without those read alike (0/O, 1/I).
inline constexpr std::string_view kJoinCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kJoinCodeLength = 6;

/// A fresh join code: kJoinCodeLength characters of kJoinCodeAlphabet from std::random_device.
std::string new_join_code();
/// A fresh teacher secret: 128 bits from std::random_device, as 32 lower-case hex digits.
std::string new_teacher_secret();
/// `given` equals `secret`, compared in a time that does not depend on where they differ
/// (a client timing its answers learns nothing of the secret).
bool same_secret(std::string_view given, std::string_view secret);

}  // namespace attune::serve

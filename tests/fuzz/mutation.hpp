#pragma once
/// A deterministic mutation engine for attune's YAML input files (scenarios, sweeps,
/// calibrations): it damages a valid file the way a hurried hand or an attacker would,
/// so the tests can check that every damaged file is refused with a located message or,
/// if still valid, runs. The same text, seed and scale always give the same mutant.
#include <cstddef>
#include <cstdint>
#include <string>

namespace attune::fuzz {

/// How large the engine's big mutations may grow: the test suite's batch keeps them small
/// so that it stays fast; scripts/fuzz.sh's long batch goes to sizes that found defects.
struct MutationScale {
  std::size_t long_string_bytes;  ///< longest string written in place of a value or key
  std::size_t nesting_depth;      ///< deepest nesting written in place of a value
  int alias_bomb_levels;          ///< levels of a "billion laughs" alias bomb (9^levels leaves)
  std::size_t binary_bytes;       ///< most random bytes inserted at once
};
inline constexpr MutationScale kSuiteScale{4096, 300, 8, 16};
inline constexpr MutationScale kLongScale{std::size_t{6} << 20, 200000, 20, 4096};

/// One mutant: the damaged text and what was done to it, in order (for a failure report).
struct Mutant {
  std::string text;
  std::string description;  ///< e.g. "line 12: number '0.5' -> 'nan'; line 3 deleted"
  /// True when a mutation makes the file invalid whatever else it holds (an invented key,
  /// an alias bomb under unknown keys): `attune validate` must then refuse it.
  bool must_refuse = false;
};

/// The mutant of `text` drawn by `seed`: one to three mutations applied one after another.
Mutant mutate(const std::string& text, std::uint64_t seed, const MutationScale& scale);

}  // namespace attune::fuzz

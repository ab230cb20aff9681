#pragma once
/// A batch of mutants of the shipped input files, each checked against attune's promise
/// for bad input: `attune validate` exits 0 only for a file that then runs, and otherwise
/// exits 1 or 2 with a message naming the file, never by a signal or a time-out, and
/// leaves no file behind.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/fuzz/mutant_check.hpp"
#include "tests/fuzz/mutation.hpp"

namespace attune::fuzz {

struct BatchSettings {
  std::uint64_t seed = 1;
  std::size_t first = 0;   ///< index of the first mutant (to replay one: first = its index, count = 1)
  std::size_t count = 100; ///< mutants, fewer when `seconds` run out first
  double seconds = 1e9;
  /// Valid mutants also run by the binary, tiny (2 dyads, one thread): validate's 0 must mean it runs.
  std::size_t runs = 2;
  /// Whether sweeps and calibrations are among them, or only scenarios (a sweep of 2 dyads
  /// a cell may still run 80 cells, a calibration hundreds of simulations).
  bool run_sweeps = false, run_calibrations = false;
  /// Refused mutants also given to the binary's validate (same exit as in-process) and to
  /// run, sweep or calibrate (refused too, nothing written).
  std::size_t binary_refusals = 3;
  MutationScale scale = kSuiteScale;
  std::chrono::milliseconds validate_limit{10000}, run_limit{120000};
  std::string keep;                ///< folder where failing mutants are saved ("" = nowhere)
  std::vector<std::string> files;  ///< shipped file names to mutate; empty = all
};

struct BatchReport {
  std::size_t mutants = 0, accepted = 0, refused = 0, refused_exit_1 = 0, line_and_key = 0;
  std::size_t runs = 0, binary_refusals = 0;
  std::vector<std::string> failures;  ///< one a mutant that broke the promise, with its seed and mutation
  std::string summary() const;
};

/// Mutant i (from `first`) is drawn from shipped file i modulo their count, with the seed
/// SplitMix64(seed + i): a batch's mutants depend on nothing else.
BatchReport run_batch(Sandbox& sandbox, const BatchSettings& settings);

}  // namespace attune::fuzz

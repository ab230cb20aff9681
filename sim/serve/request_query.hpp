#pragma once
/// A request's query for the teaching API: slider values and the endpoint's other keys,
/// each allowed once, every bad value a ControlError naming its key.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "sim/serve/http.hpp"

namespace attune::serve {

struct Query {
  std::map<std::string, double> controls;    ///< slider id -> value
  std::map<std::string, std::string> other;  ///< the endpoint's own keys, as sent
  /// A whole number in [lo, hi] under `key`, or `fallback` when the key is absent.
  std::uint64_t integer(const std::string& key, std::uint64_t fallback, std::uint64_t lo,
                        std::uint64_t hi) const;
  /// Four whole numbers in [0, max], comma-separated, under `key` (a count per class A, B,
  /// C, D), summing to at least 1; the key is required.
  std::array<std::uint64_t, 4> class_counts(const std::string& key, std::uint64_t max) const;
};

/// Reads `request`'s query: keys are the sliders' ids and `other_keys`. Throws ControlError
/// for an unknown key, a repeated key (even with the same value) or a slider value that is
/// not a finite number.
Query read_query(const httplib::Request& request, const std::set<std::string>& other_keys);

}  // namespace attune::serve

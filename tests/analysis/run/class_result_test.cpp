// A class question's answer (analysis/run/class_result.cpp): "rises" names the class whose
// share rose most only when that rise's 95% interval lies above 0.
#include <catch2/catch.hpp>

#include "analysis/run/class_result.hpp"

using attune::ClassTally;

namespace {

ClassTally tally(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  ClassTally counts;
  counts.by_class = {a, b, c, d};
  counts.dyads = a + b + c + d;
  counts.complete = true;
  return counts;
}

}  // namespace

TEST_CASE("analysis/run/class_result: rises names a class only when its rise is clear", "[class]") {
  const ClassTally baseline = tally(100, 600, 200, 100);
  // The same population: every difference 0, no class rose (not A at +0.0).
  CHECK(attune::class_result_json(baseline, baseline, "q")["rises"].is_null());
  // A up 1 point in 1,000 dyads: its interval (about ±2.7 points) holds 0.
  const auto small = attune::class_result_json(tally(110, 590, 200, 100), baseline, "q");
  CHECK(small["compare"]["A"]["ci95"][0].get<double>() < 0);
  CHECK(small["rises"].is_null());
  // A up 20 points: far outside the sampling error.
  const auto clear = attune::class_result_json(tally(300, 400, 200, 100), baseline, "q");
  CHECK(clear["rises"] == "A");
  CHECK(clear["baseline_query"] == "q");
}

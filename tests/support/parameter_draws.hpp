#pragma once
// A scenario's population draw of one parameter, for tests that check what a scenario draws.
#include <algorithm>

#include <catch2/catch.hpp>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::testing {

/// The distribution `scenario` draws `group`.`name` from; the test fails when it draws none.
inline const Distribution& drawn_distribution(const Scenario& scenario, const char* group, const char* name) {
  const auto index = *find_parameter(group, name);
  const auto it = std::find_if(scenario.population.begin(), scenario.population.end(),
                               [&](const ParameterDraw& d) { return d.parameter == index; });
  REQUIRE(it != scenario.population.end());
  return it->distribution;
}

}  // namespace attune::testing

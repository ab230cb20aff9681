#pragma once
/// One population run into one output folder: simulate, stream, summarize.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/run/driver.hpp"
#include "sim/run/run_output.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// Runs the scenario's dyads (under options.arm's interventions, if any) into `out`;
/// returns the summary written there. `compression` applies to dyads.csv.
nlohmann::json run_population(const Scenario& scenario, const RunOptions& options, const std::string& out,
                              const Provenance& provenance, Compression compression = Compression::none);

/// Runs every arm of the scenario's comparison into out/arms/<arm>/ with the same seed
/// and dyad ids, then writes out/arms.csv and out/summary.json (the arms compared with
/// control); returns that summary.
nlohmann::json run_arms(const Scenario& scenario, const RunOptions& options, const std::string& out,
                        const Provenance& provenance, Compression compression = Compression::none);

}  // namespace attune

#include "sim/run/run_population.hpp"

#include <chrono>
#include <iostream>

#include "analysis/comparison/arm_comparison.hpp"
#include "sim/io/atomic_file.hpp"

namespace attune {

nlohmann::json run_population(const Scenario& scenario, const RunOptions& options, const std::string& out,
                              const Provenance& provenance, Compression compression) {
  RunOutput output(out, scenario, provenance, compression);
  const auto start = std::chrono::steady_clock::now();
  run_dyads(scenario, options, [&](const DyadRecord& record) { output.consume(record); });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return output.finish(wall);
}

nlohmann::json run_arms(const Scenario& scenario, const RunOptions& options, const std::string& out,
                        const Provenance& provenance, Compression compression) {
  std::vector<ArmSummary> arms;
  double wall = 0;
  for (const Arm& arm : scenario.arms) {
    RunOptions arm_options = options;
    arm_options.arm = &arm;
    if (options.show_progress) std::cerr << "arm " << arm.name << '\n';
    const std::string folder = out + "/arms/" + arm.name;
    auto summary = run_population(scenario, arm_options, folder, provenance, compression);
    wall += summary["wall_seconds"].get<double>();
    arms.push_back({arm.name, std::move(summary), folder});
  }
  write_arms_csv(out + "/arms.csv", arms);

  const auto summary = comparison_summary(arms, wall);
  write_file_atomically(out + "/summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace attune

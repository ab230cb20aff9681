#pragma once
/// What a calibration aims at: published or observed figures, each read from a
/// calibration file's `targets:` list into the quantities compared with a simulation's
/// cells.csv, with their sampling variance from the sample that produced them. The one
/// place that knows a class distribution is the four share_X columns.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/scenario/scenario_yaml.hpp"

namespace attune::calibration {

/// The scale a quantity is compared on: as it is, or (a correlation) Fisher's z = atanh r,
/// on which a sample correlation's variance is 1 / (n - 3) whatever r is (Fisher 1921).
enum class Scale { identity, fisher_z };

/// One compared quantity: an output column of cells.csv against an observed value.
struct TargetComponent {
  std::string target;            ///< the target's name: `name:`, or its kind and output
  std::string output;            ///< the cells.csv column
  double observed = 0;           ///< on the compared scale
  double observed_variance = 0;  ///< sampling variance of `observed`, on the compared scale
  double discrepancy_variance = 0;  ///< model discrepancy (Vernon et al. 2010), compared scale
  Scale scale = Scale::identity;
  double weight = 1;             ///< 1 / the components of its target, so each target counts once in a distance
  YAML::Mark mark;               ///< where the target is written, for errors that come later
  std::string key;               ///< its dotted path in the file ("targets[2].correlation")
};

/// A simulated output on the component's compared scale (Fisher's z for a correlation,
/// clamped inside (-1, 1)); NaN stays NaN.
double compared_value(const TargetComponent& component, double output);

/// What outputs a target may name, for the message about one that does not exist.
std::string output_names_hint();

/// Reads the `targets:` sequence: each item one of
///   classes: {A: count, B: count, C: count, D: count}       (a class distribution from a sample)
///   mean: {output: column, value: x, se: s}                 (a metric mean and its standard error)
///   proportion: {output: column, count: k, n: n}            (a share of a sample)
///   correlation: {output: column, r: r, n: n}               (a correlation in a sample of n)
/// with an optional `name:` and `discrepancy:` (a variance on the compared scale). Reports
/// every problem to `issues` with its line and key.
std::vector<TargetComponent> read_targets(const scenario_detail::Located& targets, scenario_detail::Issues& issues);

}  // namespace attune::calibration

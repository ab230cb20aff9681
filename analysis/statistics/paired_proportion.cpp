#include "analysis/statistics/paired_proportion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/statistics/constants.hpp"

namespace attune::analysis {
namespace {

/// The product of the four margins, whose square root is phi's denominator.
double margin_product(const PairedTable& t) {
  return static_cast<double>(t.both + t.first_only) * static_cast<double>(t.second_only + t.neither) *
         static_cast<double>(t.both + t.second_only) * static_cast<double>(t.first_only + t.neither);
}

/// ad - bc of the table.
double cross_difference(const PairedTable& t) {
  return static_cast<double>(t.both) * static_cast<double>(t.neither) -
         static_cast<double>(t.first_only) * static_cast<double>(t.second_only);
}

}  // namespace

ProportionDifference paired_difference_of_proportions(const PairedTable& table) {
  const std::uint64_t n = table.n();
  if (n == 0) return {kNaN, {-1.0, 1.0}};
  const ProportionEstimate first = wilson(table.both + table.first_only, n);
  const ProportionEstimate second = wilson(table.both + table.second_only, n);
  const double p1 = first.proportion, p2 = second.proportion;
  const double d = p1 - p2;
  // Newcombe (1998b), method 10: phi's numerator ad - bc is shrunk by n/2 towards 0 when
  // positive (kept when negative), and phi is 0 when a margin is empty.
  const double margins = margin_product(table);
  const double cross = cross_difference(table);
  const double half_n = static_cast<double>(n) / 2.0;
  const double numerator = cross > half_n ? cross - half_n : (cross < 0.0 ? cross : 0.0);
  const double phi = margins > 0.0 ? numerator / std::sqrt(margins) : 0.0;
  const double below1 = p1 - first.ci95.lo, above1 = first.ci95.hi - p1;
  const double below2 = p2 - second.ci95.lo, above2 = second.ci95.hi - p2;
  const double lower = d - std::sqrt(std::max(0.0, below1 * below1 - 2.0 * phi * below1 * above2 + above2 * above2));
  const double upper = d + std::sqrt(std::max(0.0, below2 * below2 - 2.0 * phi * below2 * above1 + above1 * above1));
  return {d, {std::max(-1.0, lower), std::min(1.0, upper)}};
}

EffectSize paired_cohens_h(const PairedTable& table) {
  const std::uint64_t n = table.n();
  if (n == 0) return {kNaN, {kNaN, kNaN}};
  const double nn = static_cast<double>(n);
  const double p1 = static_cast<double>(table.both + table.first_only) / nn;
  const double p2 = static_cast<double>(table.both + table.second_only) / nn;
  const double h = 2.0 * std::asin(std::sqrt(p1)) - 2.0 * std::asin(std::sqrt(p2));
  // The arcsine transform stabilizes each proportion's variance at 1/n; the covariance of
  // the two transformed proportions is phi/n, phi the ordinary (uncorrected) coefficient.
  const double margins = margin_product(table);
  const double phi = margins > 0.0 ? cross_difference(table) / std::sqrt(margins) : 0.0;
  const double se = std::sqrt(std::max(0.0, 2.0 * (1.0 - phi) / nn));
  return {h, {h - kZ95 * se, h + kZ95 * se}};
}

}  // namespace attune::analysis

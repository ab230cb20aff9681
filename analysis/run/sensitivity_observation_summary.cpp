#include "analysis/run/sensitivity_observation_summary.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/run/published_figures.hpp"
#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/proportion.hpp"
#include "models/record_columns.hpp"

namespace attune {
namespace {

constexpr const char* kBandNames[SensitivityObservationSummary::kBands] = {
    "highly insensitive (1-2.5)", "insensitive (3-4.5)", "inconsistently sensitive (5-6.5)",
    "sensitive (7-9)"};

/// A band's lower edge is the rating that opens it: 1, 3, 5, 7.
int band_of(double rating) {
  return std::clamp(static_cast<int>((rating - 1.0) / 2.0), 0, SensitivityObservationSummary::kBands - 1);
}

nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); }

nlohmann::json interval(const analysis::Interval& i) {
  return std::isfinite(i.lo) && std::isfinite(i.hi) ? nlohmann::json{i.lo, i.hi} : nlohmann::json();
}

nlohmann::json moments_json(const analysis::RunningMoments& m) {
  return {{"n", m.count()},
          {"mean", number(m.count() ? m.mean() : NAN)},
          {"sd", number(m.count() > 1 ? m.sd() : NAN)}};
}

}  // namespace

SensitivityObservationSummary::SensitivityObservationSummary(const SensitivityObservationPlan& plan)
    : plan_(plan), by_age_(plan.ages_months.size()), counts_(plan.ages_months.size()) {
  for (auto& counts : counts_) counts.fill(0);
}

void SensitivityObservationSummary::add(const SensitivityObservations& observed, int security) {
  for (int i = 0; i < observed.count && i < static_cast<int>(by_age_.size()); ++i) {
    const double rating = observed.rating[i];
    if (std::isnan(rating)) continue;
    by_age_[i].add(rating);
    ++counts_[i][std::clamp(static_cast<int>(std::lround((rating - 1.0) * 2.0)), 0, kRatingSteps - 1)];
  }
  const double mean = observed.mean_rating();
  if (std::isnan(mean)) return;
  mean_.add(mean);
  if (security < 0) return;
  by_security_[security].add(mean);
  ++bands_[band_of(mean)][security];
}

nlohmann::json SensitivityObservationSummary::to_json() const {
  nlohmann::json j;
  j["ages_months"] = plan_.ages_months;
  j["minutes"] = plan_.minutes;
  j["scale"] =
      "Ainsworth (1974) sensitivity-insensitivity, 1 highly insensitive ... 9 highly sensitive, in half "
      "points, coded from the observed trace (docs/MODEL.md section 7e)";
  j["observations"] = nlohmann::json::array();
  const auto& columns = sensitivity_observation_columns(plan_.ages_months);
  for (std::size_t i = 0; i < by_age_.size(); ++i) {
    auto row = moments_json(by_age_[i]);
    row["age_months"] = plan_.ages_months[i];
    row["column"] = columns[i].name;
    nlohmann::json counts = nlohmann::json::object();
    for (int k = 0; k < kRatingSteps; ++k) counts[nlohmann::json(1.0 + 0.5 * k).dump()] = counts_[i][k];
    row["rating_counts"] = counts;
    j["observations"].push_back(row);
  }
  const auto& secure = by_security_[1];
  const auto& insecure = by_security_[0];
  const double r = analysis::point_biserial(secure, insecure);
  const auto ci = analysis::correlation_ci95(r, secure.count() + insecure.count());
  auto overall = moments_json(mean_);
  overall["n_classified"] = secure.count() + insecure.count();
  overall["mean_secure"] = number(secure.count() ? secure.mean() : NAN);
  overall["mean_insecure"] = number(insecure.count() ? insecure.mean() : NAN);
  overall["point_biserial_r"] = number(r);
  overall["point_biserial_ci95"] = interval(ci);
  j["observed_sensitivity"] = overall;

  j["by_band"] = nlohmann::json::array();
  for (int b = 0; b < kBands; ++b) {
    const std::uint64_t n = bands_[b][0] + bands_[b][1];
    const auto share = analysis::wilson(bands_[b][1], n);
    j["by_band"].push_back({{"band", kBandNames[b]},
                            {"from_rating", 1 + 2 * b},
                            {"n", n},
                            {"secure", bands_[b][1]},
                            {"share_secure", number(share.proportion)},
                            {"ci95", n ? interval(share.ci95) : nlohmann::json()}});
  }

  const auto& published = analysis::kSensitivitySecurity;
  nlohmann::json literature = {{"variable", published.variable},
                               {"r", number(r)},
                               {"ci95", interval(ci)},
                               {"published", published.r},
                               {"published_range", {published.lo, published.hi}},
                               {"source", published.source}};
  literature["inside_published_range"] = std::isfinite(r) && r >= published.lo && r <= published.hi;
  literature["ci95_overlaps_published_range"] =
      std::isfinite(ci.lo) && std::isfinite(ci.hi) && ci.hi >= published.lo && ci.lo <= published.hi;
  j["literature"] = literature;
  return j;
}

}  // namespace attune

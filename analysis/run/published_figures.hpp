#pragma once
/// The published figures the default scenario is calibrated to
/// (shared/design/science.md), for comparison in summaries, reports and tests.
#include <array>

namespace attune::analysis {

struct PublishedShare {
  char classification;  ///< 'A', 'B', 'C', 'D'
  double target;        ///< published share
  double lo, hi;        ///< calibration band for the normative scenario
  const char* source;
};

/// North American middle-class samples: van IJzendoorn, Schuengel &
/// Bakermans-Kranenburg 1999 (recalled; bands generous, science.md).
inline constexpr std::array<PublishedShare, 4> kNormativeClassShares = {{
    {'A', 0.15, 0.10, 0.21, "van IJzendoorn et al. 1999"},
    {'B', 0.62, 0.55, 0.70, "van IJzendoorn et al. 1999"},
    {'C', 0.09, 0.05, 0.14, "van IJzendoorn et al. 1999"},
    {'D', 0.15, 0.10, 0.21, "van IJzendoorn et al. 1999; Granqvist et al. 2016"},
}};

/// Forced three-way classification (the secondary A/B/C of every infant, D set aside):
/// Ainsworth et al. 1978 (n = 106); scenarios/calibrate_normative.yaml targets it too.
inline constexpr std::array<PublishedShare, 3> kForcedClassShares = {{
    {'A', 0.22, 0.0, 0.0, "Ainsworth et al. 1978"},
    {'B', 0.66, 0.0, 0.0, "Ainsworth et al. 1978"},
    {'C', 0.12, 0.0, 0.0, "Ainsworth et al. 1978"},
}};

/// A published figure for an interaction metric: `statistic` of the metric over dyads.
struct PublishedMetric {
  const char* metric;     ///< a dyads.csv column
  const char* statistic;  ///< "mean" or "median" over dyads
  double lo, hi;          ///< the band (science.md)
  const char* source;
};

/// Tronick's micro-analyses of face-to-face play (science.md).
inline constexpr std::array<PublishedMetric, 2> kInteractionFigures = {{
    {"matched_share", "mean", 0.20, 0.45, "Tronick & Gold 2020"},
    {"median_repair_latency_s", "median", 0.0, 10.0, "Tronick 1989; Tronick & Gianino 1986"},
}};

/// A published correlation of an observed variable with security (B versus A, C, D).
struct PublishedCorrelation {
  const char* variable;  ///< a dyads.csv column
  double r;              ///< the pooled effect
  double lo, hi;         ///< the band a run is read against
  const char* source;
};

/// Observed caregiver sensitivity and security in the Strange Situation: the meta-analytic
/// r = .24 (De Wolff & van IJzendoorn 1997, 66 studies; recalled). The band spans the
/// effects of the meta-analysis's subsets of studies (recalled; generous): Ainsworth's own
/// scale, home versus lab observation, the sample's risk.
inline constexpr PublishedCorrelation kSensitivitySecurity = {"observed_sensitivity", 0.24, 0.15, 0.35,
                                                              "De Wolff & van IJzendoorn 1997"};

}  // namespace attune::analysis

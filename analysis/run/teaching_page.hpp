#pragma once
/// What the teaching page (sim/serve/) shows of the model, so the server itself only runs
/// populations and routes: the classes counted as dyads finish, one dyad's outcome beside
/// its day, and the published figures the counts are read against.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run/development_tally.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "models/dyad_record.hpp"

namespace attune {

/// The classes at each dyad's last Strange Situation and the working model's development
/// month by month, counted as records arrive, for the whole stream and for each arm of a
/// comparison.
class PopulationView {
 public:
  /// `arms`: the comparison's arm names, in the scenario's order (none without arms).
  explicit PopulationView(std::vector<std::string> arms = {});
  /// Counts the dyad's class (or the dyad as unclassified when it had no Strange
  /// Situation) and its months, in the whole and in arm `arm` (ignored without arms).
  void add(const DyadRecord& record, std::size_t arm = 0);
  /// The page's counts event: {"done","total","A".."D","unclassified","development":[..],
  /// "arms":[{"name","done","A".."D","unclassified","development":[..]}, ..]}, each
  /// development entry {"month","n","availability","deactivation","hyperactivation","fear"}:
  /// the means development.csv reports (its *_mean columns) over the dyads counted so far.
  std::string json(std::uint64_t done, std::uint64_t total) const;

 private:
  /// What one group of dyads (the whole stream, or an arm) has added up to.
  struct Tally {
    Tally();
    std::uint64_t done = 0;
    std::array<std::uint64_t, kAttachmentClassCount> by_class{};
    std::uint64_t unclassified = 0;
    DevelopmentTally development;  ///< the development.csv columns shown, means only
    void add(const DyadRecord& record);
    void write(nlohmann::json& out) const;
  };
  Tally all_;
  std::vector<std::string> arm_names_;
  std::vector<Tally> arms_;
};

/// The class coded at a dyad's last Strange Situation ('A'..'D'); '\0' when none was run.
/// The one definition of a dyad's class on the page and in a class question's result.
char last_class_label(const DyadRecord& record);

/// Dyads in each class A, B, C, D.
using ClassCounts = std::array<std::uint64_t, kAttachmentClassCount>;

/// Two populations' classes compared (GET /api/compare, and a class question's result):
/// {"A":{"baseline":share,"current":share,"difference":current - baseline,"ci95":[lo,hi]},
/// .., "n_baseline", "n_current"}, the interval Newcombe's hybrid score interval
/// (analysis/statistics/proportion.hpp). Each side counts at least one dyad.
nlohmann::json class_comparison(const ClassCounts& baseline, const ClassCounts& current);

/// The outcome shown beside one dyad's day: {"classification": the class at its last
/// Strange Situation, or "none"}.
nlohmann::json dyad_outcome(const DyadRecord& record);

/// The published class shares of low-risk samples, {"A": {"share", "source"}, ...}
/// (analysis/run/published_figures.hpp).
nlohmann::json page_reference_figures();

}  // namespace attune

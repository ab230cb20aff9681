#include "analysis/run/family_output.hpp"

#include <string>

#include "analysis/statistics/agreement.hpp"
#include "analysis/statistics/proportion.hpp"
#include "models/parameter_table.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "sim/io/csv_format.hpp"

namespace attune {
namespace {


/// 0..3 for A..D from the first Strange Situation with caregiver k; 4 if none was run.
std::size_t class_index(const DyadRecord& r, int k) {
  if (r.strange_situations == 0) return 4;
  return static_cast<std::size_t>(char(r.caregiver[k].strange_situation[0].coding.classification) - 'A');
}

nlohmann::json agreement_json(const analysis::Agreement& a) {
  return {{"n", a.n}, {"agreement", a.observed}, {"chance_agreement", a.chance},
          {"kappa", a.kappa}, {"kappa_se", a.se}, {"kappa_ci95", {a.ci95.lo, a.ci95.hi}}};
}

}  // namespace

FamilyOutput::FamilyOutput(const FamilySpec& spec) : spec_(spec) {}

void FamilyOutput::write_header(std::ostream& out) const {
  for (std::size_t k = 1; k < spec_.caregivers.size(); ++k) {
    const auto& c = spec_.caregivers[k];
    for (const auto& draw : c.draws) out << ',' << c.name << '.' << parameter_table()[draw.parameter].qualified();
    out << ",classification_" << c.name << ",mean_caregiver_stress_" << c.name << ",bout_share_" << c.name;
  }
}

void FamilyOutput::write_row(std::ostream& out, const DyadRecord& r) {
  std::uint64_t all_bouts = 0;
  for (int k = 0; k < r.caregivers; ++k) all_bouts += r.caregiver[k].bouts;
  for (int k = 0; k < r.caregivers; ++k) {
    const std::size_t cls = class_index(r, k);
    ++classes_[k][cls];
    stress_[k].add(r.caregiver[k].mean_stress);
    bouts_[k] += r.caregiver[k].bouts;
    if (k == 0) continue;  // the population caregiver's columns are the existing ones
    const auto& c = spec_.caregivers[k];
    for (const auto& draw : c.draws) {
      out << ',';
      // The caregiver block of Parameters laid out as its table rows.
      Parameters holder{};
      holder.caregiver = r.caregiver[k].parameters;
      write_csv_number(out, parameter_value(holder, parameter_table()[draw.parameter]));
    }
    out << ',';
    if (cls == 4) out << "NA";
    else out << kAttachmentClassLabels[cls];
    out << ',';
    write_csv_number(out, r.caregiver[k].mean_stress);
    out << ',';
    write_csv_number(out, all_bouts ? double(r.caregiver[k].bouts) / double(all_bouts) : 0.0);
  }
  if (r.caregivers >= 2) {
    const std::size_t first = class_index(r, 0), second = class_index(r, 1);
    if (first < 4 && second < 4) ++cross_[first][second];
  }
}

nlohmann::json FamilyOutput::summary() const {
  nlohmann::json family;
  std::uint64_t all_bouts = 0;
  for (std::size_t k = 0; k < spec_.caregivers.size(); ++k) all_bouts += bouts_[k];
  nlohmann::json caregivers = nlohmann::json::array();
  for (std::size_t k = 0; k < spec_.caregivers.size(); ++k) {
    std::uint64_t assessed = 0;
    for (std::size_t c = 0; c < 4; ++c) assessed += classes_[k][c];
    nlohmann::json classification;
    for (std::size_t c = 0; c < 4; ++c) {
      const auto estimate = analysis::wilson(classes_[k][c], assessed);
      classification[std::string(1, kAttachmentClassLabels[c])] = {{"count", classes_[k][c]}, {"proportion", estimate.proportion},
                                                     {"ci95", {estimate.ci95.lo, estimate.ci95.hi}}};
    }
    classification["n_assessed"] = assessed;
    nlohmann::json stress = {{"mean", stress_[k].mean()}};
    if (stress_[k].count() > 1) stress["ci95"] = {stress_[k].mean_ci95().lo, stress_[k].mean_ci95().hi};
    caregivers.push_back({{"name", spec_.caregivers[k].name},
                          {"share_of_bouts", spec_.caregivers[k].share_of_bouts},
                          {"observed_share_of_bouts", all_bouts ? double(bouts_[k]) / double(all_bouts) : 0.0},
                          {"mean_caregiver_stress", stress},
                          {"classification", classification}});
  }
  family["caregivers"] = caregivers;
  family["supports"] = spec_.supports;
  if (spec_.caregivers.size() < 2) return family;
  // Concordance of the first two relationships (Fox, Kimmerly & Schafer 1991).
  nlohmann::json cross;
  std::vector<std::vector<std::uint64_t>> secure(2, std::vector<std::uint64_t>(2, 0));
  for (std::size_t i = 0; i < 4; ++i) {
    nlohmann::json row;
    for (std::size_t j = 0; j < 4; ++j) {
      row[std::string(1, kAttachmentClassLabels[j])] = cross_[i][j];
      secure[kAttachmentClassLabels[i] == 'B' ? 0 : 1][kAttachmentClassLabels[j] == 'B' ? 0 : 1] += cross_[i][j];
    }
    cross[std::string(1, kAttachmentClassLabels[i])] = row;
  }
  family["concordance"] = {{"between", {spec_.caregivers[0].name, spec_.caregivers[1].name}},
                           {"cross_table", cross},
                           {"cross_table_rows", spec_.caregivers[0].name},
                           {"four_classes", agreement_json(analysis::cohens_kappa(cross_))},
                           {"secure_insecure", agreement_json(analysis::cohens_kappa(secure))}};
  return family;
}

}  // namespace attune

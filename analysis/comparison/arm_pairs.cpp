#include "analysis/comparison/arm_pairs.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/moments.hpp"
#include "analysis/statistics/paired_proportion.hpp"
#include "models/assessments/ssp_coding.hpp"
#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"

namespace attune {
namespace {


/// One dyads.csv (plain or compressed), read a row at a time.
class DyadRows {
 public:
  explicit DyadRows(const std::string& path) : path_(path), in_(std::filesystem::path(path)) {
    std::string line;
    const auto header = in_.next(line) ? split_csv_line(line) : std::nullopt;
    if (!header) throw std::runtime_error(path + ": no header line");
    header_ = *header;
  }

  const std::string& path() const { return path_; }

  /// Index of the named column; throws naming the file when it is absent.
  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return i;
    throw std::runtime_error(path_ + ": no column " + name);
  }

  bool has_column(const std::string& name) const {
    for (const auto& h : header_)
      if (h == name) return true;
    return false;
  }

  /// The next row's fields, or false at the end; throws on a malformed row.
  bool next(std::vector<std::string>& fields) {
    std::string line;
    if (!in_.next(line)) return false;
    auto parsed = split_csv_line(line);
    if (!parsed || parsed->size() != header_.size())
      throw std::runtime_error(path_ + ":" + std::to_string(in_.number()) + ": malformed row");
    fields = std::move(*parsed);
    return true;
  }

 private:
  std::string path_;
  TextLines in_;
  std::vector<std::string> header_;
};

/// A field as a number; NA (and anything else that is not a number) as nullopt.
std::optional<double> number(const std::string& field) {
  double value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size() || std::isnan(value)) return std::nullopt;
  return value;
}

/// Running moments of one metric in control, in the arm, and of their per-dyad difference.
struct MetricPairs {
  std::string name;
  std::size_t arm_column, control_column;
  analysis::RunningMoments control, arm, difference;
};

/// The metrics both files hold, each with its column in either.
std::vector<MetricPairs> shared_metrics(const std::vector<std::string>& metrics, const DyadRows& arm,
                                        const DyadRows& control) {
  std::vector<MetricPairs> pairs;
  for (const auto& name : metrics)
    if (arm.has_column(name) && control.has_column(name)) pairs.push_back({name, arm.column(name), control.column(name), {}, {}, {}});
  return pairs;
}

/// Per attachment class, in kAttachmentClassLabels order: the 2x2 table of arm against control.
using ClassTables = std::array<analysis::PairedTable, std::size_t{kAttachmentClassCount}>;

/// Reads both files row by row, which must hold the same dyads in the same order, into the
/// class tables and the metrics' moments.
void read_dyad_pairs(DyadRows& arm, DyadRows& control, ClassTables& tables, std::vector<MetricPairs>& pairs) {
  const std::size_t arm_id = arm.column("dyad_id"), control_id = control.column("dyad_id");
  const std::size_t arm_class = arm.column("classification"), control_class = control.column("classification");
  std::vector<std::string> a, c;
  for (;;) {
    const bool more_arm = arm.next(a), more_control = control.next(c);
    if (more_arm != more_control)
      throw std::runtime_error(arm.path() + " and " + control.path() + " hold different numbers of dyads");
    if (!more_arm) break;
    if (a[arm_id] != c[control_id])
      throw std::runtime_error(arm.path() + " and " + control.path() + " differ in dyad order at dyad_id " + a[arm_id] +
                               " against " + c[control_id]);
    // Shares are over the dyads assessed in both arms.
    if (a[arm_class].size() == 1 && c[control_class].size() == 1) {
      for (std::size_t k = 0; k < std::size_t{kAttachmentClassCount}; ++k) {
        const bool in_arm = a[arm_class][0] == kAttachmentClassLabels[k], in_control = c[control_class][0] == kAttachmentClassLabels[k];
        auto& t = tables[k];
        (in_arm ? (in_control ? t.both : t.first_only) : (in_control ? t.second_only : t.neither)) += 1;
      }
    }
    for (auto& m : pairs) {
      const auto x_arm = number(a[m.arm_column]), x_control = number(c[m.control_column]);
      if (!x_arm || !x_control) continue;
      m.arm.add(*x_arm);
      m.control.add(*x_control);
      m.difference.add(*x_arm - *x_control);
    }
  }
}

/// Each class's paired difference of shares and Cohen's h, for the classes with assessed pairs.
nlohmann::json classification_differences(const ClassTables& tables) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t k = 0; k < std::size_t{kAttachmentClassCount}; ++k) {
    const auto& t = tables[k];
    if (t.n() == 0) continue;
    const auto difference = analysis::paired_difference_of_proportions(t);
    const auto h = analysis::paired_cohens_h(t);
    out[std::string(1, kAttachmentClassLabels[k])] = {
        {"difference", difference.difference}, {"ci95", {difference.ci95.lo, difference.ci95.hi}},
        {"cohens_h", h.d},                     {"cohens_h_ci95", {h.ci95.lo, h.ci95.hi}},
        {"n_pairs", t.n()},                    {"arm_only", t.first_only},
        {"control_only", t.second_only}};
  }
  return out;
}

/// Each metric's mean paired difference and paired Cohen's d, for the metrics with pairs.
nlohmann::json metric_differences(const std::vector<MetricPairs>& pairs) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& m : pairs) {
    if (m.difference.count() == 0) continue;
    const auto ci = m.difference.mean_ci95();
    const auto d = analysis::paired_cohens_d(m.control, m.arm, m.difference);
    out[m.name] = {{"difference", m.difference.mean()},
                   {"ci95", {ci.lo, ci.hi}},
                   {"cohens_d", d.d},
                   {"cohens_d_ci95", {d.ci95.lo, d.ci95.hi}},
                   {"n_pairs", m.difference.count()}};
  }
  return out;
}

}  // namespace

nlohmann::json paired_comparison(const std::string& arm_csv, const std::string& control_csv,
                                 const std::vector<std::string>& metrics) {
  DyadRows arm(arm_csv), control(control_csv);
  std::vector<MetricPairs> pairs = shared_metrics(metrics, arm, control);
  ClassTables tables{};
  read_dyad_pairs(arm, control, tables, pairs);
  nlohmann::json out;
  out["classification"] = classification_differences(tables);
  out["metrics"] = metric_differences(pairs);
  return out;
}

}  // namespace attune

#include "analysis/run/teaching_page.hpp"

#include "analysis/run/published_figures.hpp"

namespace attune {

namespace {

/// The class coded at a dyad's last Strange Situation; '\0' when none was run.
char last_class_label(const DyadRecord& record) {
  if (record.strange_situations == 0) return '\0';
  return static_cast<char>(record.strange_situation[record.strange_situations - 1].coding.classification);
}

}  // namespace

void PopulationView::add(const DyadRecord& record) {
  if (const char label = last_class_label(record)) ++by_class_[static_cast<std::size_t>(label - 'A')];
}

std::string PopulationView::json(std::uint64_t done, std::uint64_t total) const {
  nlohmann::json counts{{"done", done}, {"total", total}};
  for (int k = 0; k < kAttachmentClassCount; ++k) counts[std::string(1, kAttachmentClassLabels[k])] = by_class_[k];
  return counts.dump();
}

nlohmann::json dyad_outcome(const DyadRecord& record) {
  const char label = last_class_label(record);
  return {{"classification", label ? std::string(1, label) : std::string("none")}};
}

nlohmann::json page_reference_figures() {
  nlohmann::json published = nlohmann::json::object();
  for (const auto& share : analysis::kNormativeClassShares)
    published[std::string(1, share.classification)] = {{"share", share.target}, {"source", share.source}};
  return published;
}

}  // namespace attune

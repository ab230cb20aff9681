#include "analysis/run/class_counts.hpp"

#include <nlohmann/json.hpp>

namespace attune {

char last_class_label(const DyadRecord& record) {
  if (record.strange_situations == 0) return '\0';
  return static_cast<char>(record.strange_situation[record.strange_situations - 1].coding.classification);
}

void ClassCounts::add(const DyadRecord& record) {
  if (const char label = last_class_label(record)) ++by_class[static_cast<std::size_t>(label - 'A')];
}

std::string ClassCounts::json() const {
  nlohmann::json counts{{"done", done}, {"total", total}};
  for (int k = 0; k < kAttachmentClassCount; ++k) counts[std::string(1, kAttachmentClassLabels[k])] = by_class[k];
  return counts.dump();
}

}  // namespace attune

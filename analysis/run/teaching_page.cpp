#include "analysis/run/teaching_page.hpp"

#include "analysis/run/literature_comparison.hpp"

namespace attune {

nlohmann::json page_reference_figures() { return published_class_shares(); }

}  // namespace attune

// The dependency rule of docs/ARCHITECTURE.md, checked over the source tree: which
// folder may include which, and that the engine (sim/) names no attachment construct.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process_support.hpp"

namespace {

namespace fs = std::filesystem;

/// A folder and the folders its files may include (their own always among them).
struct Layer {
  std::string folder;
  std::vector<std::string> may_include;
};

/// The rule, most specific folder first (docs/ARCHITECTURE.md, "What may include what").
const std::vector<Layer>& layers() {
  static const std::vector<Layer> rule = {
      {"sim/random/", {"sim/random/"}},
      {"sim/io/", {"sim/io/"}},
      {"analysis/statistics/", {"analysis/statistics/"}},
      {"models/", {"models/", "sim/random/"}},
      {"sim/scenario/", {"sim/scenario/", "sim/io/", "sim/random/", "models/"}},
      {"analysis/", {"analysis/", "models/", "sim/scenario/", "sim/io/", "sim/random/"}},
      {"sim/run/", {"sim/run/", "sim/scenario/", "sim/io/", "sim/random/", "models/", "analysis/"}},
      {"sim/sweep/", {"sim/sweep/", "sim/run/", "sim/scenario/", "sim/io/", "sim/random/", "models/", "analysis/"}},
      {"sim/calibrate/", {"sim/calibrate/", "sim/sweep/", "sim/run/", "sim/scenario/", "sim/io/", "sim/random/", "models/", "analysis/"}},
      {"sim/serve/", {"sim/serve/", "sim/run/", "sim/scenario/", "sim/io/", "sim/random/", "models/", "analysis/"}},
      {"sim/python/", {"sim/python/", "sim/sweep/", "sim/run/", "sim/scenario/", "sim/io/", "sim/random/", "models/", "analysis/"}},
      {"sim/cli/", {"sim/", "models/", "analysis/"}},
  };
  return rule;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

/// The identifiers of attachment constructs (classes, scales, published figures,
/// still-face phases and summaries, concordance, effect sizes) that only models/ and
/// analysis/ may use. Prose in comments may cite the science; code in sim/ may not name it.
const std::regex kAttachmentIdentifiers(
    R"(\b(AttachmentClass|kAttachmentClass\w*|kSecureClass|SspCoding|ReunionScores|coding\.|StillFaceSummary|)"
    R"(StillFaceResult|kStillFacePhases|SecurityStatistics|kNormativeClassShares|kForcedClassShares|)"
    R"(ClassCounts|last_class_label|literature_\w+|published_\w+|cohens_\w+|kappa\w*|concordance\w*)\b|)"
    R"("classification)");

/// The rule's violations in one file (`path` relative to the source root, with '/').
std::vector<std::string> violations(const std::string& path, const std::string& text) {
  std::vector<std::string> found;
  const Layer* layer = nullptr;
  for (const auto& candidate : layers())
    if (starts_with(path, candidate.folder)) {
      layer = &candidate;
      break;
    }
  if (!layer) return {path + ": in no layer of the rule"};
  // Quoted or angled: the project root is on the include path, so <models/x.hpp> works too.
  static const std::regex include(R"re(^\s*#\s*include\s*(?:"([^"]+)"|<((?:sim|models|analysis|tests)/[^>]+)>))re");
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::smatch match;
    if (std::regex_search(line, match, include)) {
      const std::string target = match[1].matched ? match[1].str() : match[2].str();
      const bool allowed = std::any_of(layer->may_include.begin(), layer->may_include.end(),
                                       [&](const std::string& folder) { return starts_with(target, folder); });
      if (!allowed) found.push_back(path + ":" + std::to_string(number) + ": includes " + target);
    }
    const auto code = line.substr(0, line.find("//"));
    if (starts_with(path, "sim/") && std::regex_search(code, match, kAttachmentIdentifiers))
      found.push_back(path + ":" + std::to_string(number) + ": the engine names " + match[0].str());
  }
  return found;
}

}  // namespace

TEST_CASE("architecture: a file including across a forbidden boundary is reported") {
  CHECK(violations("models/iwm.cpp", "#include \"sim/random/rng.hpp\"\n").empty());
  const auto upward = violations("models/iwm.cpp", "#include \"models/iwm.hpp\"\n#include \"sim/run/driver.hpp\"\n");
  REQUIRE(upward.size() == 1);
  CHECK(upward[0] == "models/iwm.cpp:2: includes sim/run/driver.hpp");
  CHECK(violations("sim/random/rng.hpp", "#include \"models/parameters.hpp\"\n").size() == 1);
  CHECK(violations("sim/random/rng.hpp", "#include <models/parameters.hpp>\n").size() == 1);
  CHECK(violations("sim/random/rng.hpp", "#include <cstdint>\n#include <boost/random/sobol.hpp>\n").empty());
  CHECK(violations("analysis/statistics/moments.cpp", "#include \"analysis/run/run_analysis.hpp\"\n").size() == 1);
  CHECK(violations("analysis/run/x.cpp", "#include \"sim/run/driver.hpp\"\n").size() == 1);
  CHECK(violations("sim/cli/cli.cpp", "#include \"sim/run/driver.hpp\"\n#include \"analysis/run/x.hpp\"\n").empty());
  CHECK(violations("tools/x.cpp", "").size() == 1);  // a new top-level folder needs a rule
}

TEST_CASE("architecture: the engine naming an attachment construct is reported, prose is not") {
  CHECK(violations("sim/run/x.cpp", "  if (label == kSecureClass) ++secure;\n").size() == 1);
  CHECK(violations("sim/serve/x.cpp", "  return record.strange_situation[0].coding.classification;\n").size() == 1);
  CHECK(violations("sim/serve/x.cpp", "  day[\"classification\"] = label;\n").size() == 1);
  CHECK(violations("sim/run/x.cpp", "  // Secure is B (Ainsworth et al. 1978): see kSecureClass in models/\n").empty());
  CHECK(violations("analysis/run/x.cpp", "  if (label == kSecureClass) ++secure;\n").empty());
}

TEST_CASE("architecture: every source file keeps the dependency rule of docs/ARCHITECTURE.md") {
  const fs::path root = ATTUNE_SOURCE_DIR;
  std::vector<std::string> found;
  std::size_t files = 0;
  for (const char* top : {"sim", "models", "analysis"})
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const auto extension = entry.path().extension();
      if (extension != ".cpp" && extension != ".hpp") continue;
      ++files;
      const auto path = fs::relative(entry.path(), root).generic_string();
      for (auto& violation : violations(path, attune::testing::read_text(entry.path()))) found.push_back(std::move(violation));
    }
  INFO("source files scanned: " << files);
  CHECK(files > 100);  // the walk found the tree
  for (const auto& violation : found) UNSCOPED_INFO(violation);
  CHECK(found.empty());
}

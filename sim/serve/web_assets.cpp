#include "sim/serve/web_assets.hpp"

#include <algorithm>

namespace attune::serve {
namespace {

const WebAsset* find_file(std::string_view path) {
  const auto& files = embedded::files();
  const auto found = std::find_if(files.begin(), files.end(), [&](const WebAsset& f) { return f.path == path; });
  return found == files.end() ? nullptr : &*found;
}

}  // namespace

const std::vector<WebAsset>& web_assets() {
  static const std::vector<WebAsset> assets = [] {
    std::vector<WebAsset> list = embedded::files();
    if (const WebAsset* index = find_file("/index.html")) list.push_back({"/", index->content_type, index->body});
    return list;
  }();
  return assets;
}

std::string missing_web_assets() {
  if (find_file("/chart.umd.js")) return {};
  return "the web assets are missing: the chart library (chart.js from npm) was not built into this binary "
         "because npm was not found when CMake configured the build. Install Node.js and npm "
         "(bash scripts/install-deps.sh), then re-run cmake and rebuild.";
}

}  // namespace attune::serve

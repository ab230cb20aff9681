#include "sim/serve/web_assets.hpp"

namespace attune::serve {

const std::vector<WebAsset>& web_assets() {
  static const std::vector<WebAsset> assets = {
      {"/", "text/html; charset=utf-8", embedded::kIndexHtml},
      {"/app.js", "application/javascript", embedded::kAppJs},
      {"/style.css", "text/css", embedded::kStyleCss},
      {"/chart.umd.js", "application/javascript", embedded::kChartJs},
  };
  return assets;
}

std::string missing_web_assets() {
  if (!embedded::kChartJs.empty()) return {};
  return "the web assets are missing: the chart library (chart.js from npm) was not built into this binary "
         "because npm was not found when CMake configured the build. Install Node.js and npm "
         "(bash scripts/install-deps.sh), then re-run cmake and rebuild.";
}

}  // namespace attune::serve

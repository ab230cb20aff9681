#pragma once
/// The teaching page's files, compiled into the binary at build time (web/ and the
/// chart library that `npm ci` installs into the build folder), so the page needs no
/// network and no files beside the binary.
#include <string>
#include <string_view>
#include <vector>

namespace attune::serve {

/// One file the page loads.
struct WebAsset {
  std::string_view path;          ///< URL path, e.g. "/app.js"
  std::string_view content_type;
  std::string_view body;
};

/// Every file of the page: each file of sim/serve/web/ under "/<name>", index.html under
/// "/" as well, and the chart library under "/chart.umd.js".
const std::vector<WebAsset>& web_assets();

/// Empty when every file was compiled in; otherwise why the page cannot be served
/// (the chart library is missing when npm was not found at configure time).
std::string missing_web_assets();

namespace embedded {
/// Defined in the generated build/generated/web_assets.cpp (cmake/embed_web_assets.cmake):
/// every file of sim/serve/web/, and chart.js unless npm was not found at configure time.
const std::vector<WebAsset>& files();
}  // namespace embedded

}  // namespace attune::serve

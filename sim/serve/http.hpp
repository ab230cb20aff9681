#pragma once
/// cpp-httplib (Debian's), for every file of the server and its tests. The library pulls
/// in <resolv.h>, whose `_res` macro rewrites Eigen's parameters of that name when a unity
/// batch puts a server file before a file using Eigen; nothing here uses the resolver.
#include <httplib.h>
#undef _res

#include <string>

namespace attune::serve {

/// Answers `status` with a plain-text message (how every refusal of the server is worded).
inline void answer_text(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(message + "\n", "text/plain; charset=utf-8");
}

}  // namespace attune::serve

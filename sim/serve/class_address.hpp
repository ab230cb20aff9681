#pragma once
/// The address students type to reach a class: the server's bound address, or for a server
/// bound to every interface, this machine's address on the class's network.
#include <string>

namespace attune::serve {

/// The host students use for a server bound to `bind`: `bind` itself (an IPv6 address in
/// brackets), or for 0.0.0.0 and :: the first IPv4 address of an interface that is up and
/// not loopback; empty when there is none.
std::string student_host(const std::string& bind);

}  // namespace attune::serve

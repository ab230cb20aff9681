#pragma once
/// cpp-httplib (Debian's), for every file of the server and its tests. The library pulls
/// in <resolv.h>, whose `_res` macro rewrites Eigen's parameters of that name when a unity
/// batch puts a server file before a file using Eigen; nothing here uses the resolver.
#include <httplib.h>
#undef _res

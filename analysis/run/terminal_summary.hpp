#pragma once
/// The table a run prints when it ends, read from its summary.json object.
#include <ostream>

#include <nlohmann/json.hpp>

namespace attune {
void print_terminal_summary(std::ostream& out, const nlohmann::json& summary);
}

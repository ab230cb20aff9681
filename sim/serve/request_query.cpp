#include "sim/serve/request_query.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {
namespace {

/// A finite number from query text, or ControlError naming the key.
double query_number(const std::string& key, const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    throw ControlError(key + " must be a number, got '" + text + "'");
  return value;
}

/// Refuses a key given twice. Read from the request line itself: httplib's parser keeps
/// one copy of a repeated key=value pair, so a repeat with the same value would pass unseen.
void refuse_repeated_keys(const std::string& target) {
  const auto mark = target.find('?');
  if (mark == std::string::npos) return;
  std::set<std::string> seen;
  std::string_view rest = std::string_view(target).substr(mark + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::string key = httplib::detail::decode_url(std::string(pair.substr(0, pair.find('='))), true);
    if (!seen.insert(key).second) throw ControlError(key + " is given more than once");
  }
}

}  // namespace

std::uint64_t Query::integer(const std::string& key, std::uint64_t fallback, std::uint64_t lo,
                             std::uint64_t hi) const {
  const auto it = other.find(key);
  if (it == other.end()) return fallback;
  const std::string& text = it->second;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < lo || value > hi)
    throw ControlError(key + " must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                       "], got '" + text + "'");
  return value;
}

std::array<std::uint64_t, 4> Query::class_counts(const std::string& key, std::uint64_t max) const {
  const auto it = other.find(key);
  const std::string message = key + " must be four whole numbers in [0, " + std::to_string(max) +
                              "] separated by commas (dyads in A, B, C, D), at least one dyad in all";
  if (it == other.end()) throw ControlError(message + "; it is missing");
  std::array<std::uint64_t, 4> counts{};
  std::string_view rest = it->second;
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const auto comma = rest.find(',');
    const std::string_view text = rest.substr(0, comma);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), counts[k]);
    const bool last = k + 1 == counts.size();
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || counts[k] > max ||
        (comma == std::string_view::npos) != last)
      throw ControlError(message + ", got '" + it->second + "'");
    total += counts[k];
    rest = last ? rest : rest.substr(comma + 1);
  }
  if (total == 0) throw ControlError(message + ", got '" + it->second + "'");
  return counts;
}

Query read_query(const httplib::Request& request, const std::set<std::string>& other_keys) {
  refuse_repeated_keys(request.target);
  Query query;
  std::set<std::string> known = other_keys;
  for (const auto& c : teaching_controls()) known.insert(c.id);
  for (const auto& [key, value] : request.params) {
    if (!known.count(key)) {
      std::string message = "unknown parameter '" + key + "'; expected one of:";
      for (const auto& k : known) message.append(" ").append(k);
      throw ControlError(message);
    }
    if (other_keys.count(key))
      query.other[key] = value;
    else
      query.controls[key] = query_number(key, value);
  }
  return query;
}

}  // namespace attune::serve

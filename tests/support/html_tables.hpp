#pragma once
// Reading the report's HTML tables back, for the tests that check that the numbers a page
// shows are the numbers of the files it was made from (analysis/report/*.py writes every
// number with "%.3g", or "%.2e" below 1e-3: three significant digits).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace attune::testing {

using HtmlRow = std::vector<std::string>;

/// The body rows of the first <table> after `heading` in `page` (each a list of its cells'
/// inner text, tags inside a cell kept); none when `heading` is absent.
inline std::vector<HtmlRow> html_table_after(const std::string& page, const std::string& heading) {
  std::vector<HtmlRow> rows;
  const auto at = page.find(heading);
  if (at == std::string::npos) return rows;
  const auto body = page.find("<tbody>", at), end = page.find("</tbody>", at);
  if (body == std::string::npos || end == std::string::npos || end < body) return rows;
  for (auto tr = page.find("<tr>", body); tr != std::string::npos && tr < end;
       tr = page.find("<tr>", tr + 1)) {
    const auto tr_end = page.find("</tr>", tr);
    HtmlRow row;
    for (auto td = page.find("<td>", tr); td != std::string::npos && td < tr_end;
         td = page.find("<td>", td + 1)) {
      const auto td_end = page.find("</td>", td);
      row.push_back(page.substr(td + 4, td_end - td - 4));
    }
    rows.push_back(row);
  }
  return rows;
}

/// The whole of `text` as a number, or NaN.
inline double html_number(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() ? value : std::nan("");
}

/// Whether `printed` is `value` to three significant digits: within half a unit of the
/// third digit of `value` (a relative 1e-12 more for the value's own rounding). A missing
/// value (NaN) is printed "–".
inline bool shows_value(const std::string& printed, double value) {
  if (std::isnan(value)) return printed == "–";
  const double shown = html_number(printed);
  if (std::isnan(shown)) return false;
  if (value == 0.0) return shown == 0.0;
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(value))) - 2);
  return std::fabs(shown - value) <= 0.5 * unit + 1e-12 * std::fabs(value);
}

/// Whether `printed` ("[lo, hi]") is the interval [lo, hi] to three significant digits.
inline bool shows_interval(const std::string& printed, double lo, double hi) {
  if (printed.size() < 2 || printed.front() != '[' || printed.back() != ']') return false;
  const auto comma = printed.find(", ");
  if (comma == std::string::npos) return false;
  return shows_value(printed.substr(1, comma - 1), lo) &&
         shows_value(printed.substr(comma + 2, printed.size() - comma - 3), hi);
}

}  // namespace attune::testing

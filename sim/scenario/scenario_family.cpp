// The scenario's family section: caregivers with their shares of the bouts and their
// own draws, supports, and the weighted ties between them (docs/MODEL.md, section 12).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "models/family.hpp"
#include "models/parameter_table.hpp"
#include "sim/scenario/distribution_parse.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {
namespace {

/// Names become column names (classification_father), so they are kept plain.
bool plain_name(const std::string& name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// A sum for a reader: 0.6 + 0.3 reads "0.9", not "0.8999999999999999".
std::string rounded(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", x);
  return text;
}

class FamilyLoader {
 public:
  FamilyLoader(FamilySpec& family, Issues& issues) : family_(family), issues_(issues) {}

  void section(const Located& at) {
    const auto all = map_entries(at, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, {"caregivers", "supports", "edges"}, "key for the family", issues_);
    const Located* caregivers_at = find(entries, "caregivers");
    if (!find(*all, "caregivers")) issues_.add(at.mark(), at.path + ".caregivers", "missing required key 'caregivers'");
    if (caregivers_at) caregivers(*caregivers_at);
    if (const Located* supports_at = find(entries, "supports")) supports(*supports_at);
    if (const Located* edges_at = find(entries, "edges")) edges(*edges_at);
  }

 private:
  FamilySpec& family_;
  Issues& issues_;
  std::map<std::string, std::size_t> members_;  ///< name -> caregiver index, or supports after them
  /// Whether every member loaded; if not, edges naming an unknown member are not
  /// reported again (its own entry, or the caregivers list, was).
  bool members_complete_ = false;

  /// A member's name, checked and registered; nullopt after an issue.
  std::optional<std::string> name(const Located& item, const std::vector<Located>& entries) {
    const Located* at = find(entries, "name");
    if (!at) {
      issues_.add(item.mark(), item.path + ".name", "missing required key 'name'");
      return std::nullopt;
    }
    const auto text = read_string(*at, issues_);
    if (!text) return std::nullopt;
    if (!plain_name(*text)) {
      issues_.add(*at, "'" + *text + "' is not a plain name (lower-case letters, digits and _, starting with a letter)");
      return std::nullopt;
    }
    if (members_.count(*text)) {
      issues_.add(*at, "the name '" + *text + "' is already used by another member of the family");
      return std::nullopt;
    }
    return text;
  }

  /// A caregiver's share of the bouts in (0, 1]; 0 after an issue.
  double share_of_bouts(const Located& item, const std::vector<Located>& entries) {
    const Located* at = find(entries, "share_of_bouts");
    if (!at) {
      issues_.add(item.mark(), item.path + ".share_of_bouts", "missing required key 'share_of_bouts'");
      return 0.0;
    }
    const auto share = read_number(*at, issues_);
    if (!share) return 0.0;
    if (*share > 0.0 && *share <= 1.0) return *share;
    issues_.add(*at, "a share of the bouts must lie in (0, 1], got " + format_number(*share));
    return 0.0;
  }

  void caregivers(const Located& at) {
    const auto items = sequence_items(at, issues_);
    if (!items) return;
    if (items->empty() || items->size() > static_cast<std::size_t>(kMaxCaregivers)) {
      std::string message = "expected 1 to ";
      message.append(std::to_string(kMaxCaregivers)).append(" caregivers, got ").append(std::to_string(items->size()));
      issues_.add(at, message);
      return;
    }
    double share_sum = 0.0;
    bool shares_valid = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const Located& item = (*items)[i];
      const auto all = map_entries(item, issues_);
      if (!all) {
        shares_valid = false;
        continue;
      }
      const auto entries = known_entries(*all, {"name", "share_of_bouts", "caregiver", "resemblance"}, "key for a caregiver", issues_);
      FamilyCaregiverSpec caregiver;
      const auto given_name = name(item, entries);
      const double share = share_of_bouts(item, entries);
      if (const Located* draws_at = find(entries, "caregiver")) {
        if (i == 0) {
          issues_.add(*draws_at, "the first caregiver is the population's: its traits are drawn under population.caregiver");
        } else {
          caregiver.draws = draws(*draws_at);
        }
      }
      if (const Located* resemblance_at = find(entries, "resemblance")) {
        if (i == 0) {
          issues_.add(*resemblance_at, "the first caregiver is the one the others resemble; give resemblance to the others");
        } else if (const auto rho = read_number(*resemblance_at, issues_)) {
          if (*rho >= 0.0 && *rho < 1.0) caregiver.resemblance = *rho;
          else issues_.add(*resemblance_at, "resemblance is a correlation in [0, 1), got " + format_number(*rho));
        }
      }
      if (share > 0.0) share_sum += share;
      else shares_valid = false;
      if (!given_name || !(share > 0.0)) continue;
      caregiver.name = *given_name;
      caregiver.share_of_bouts = share;
      members_[caregiver.name] = family_.caregivers.size();
      family_.caregivers.push_back(std::move(caregiver));
    }
    members_complete_ = family_.caregivers.size() == items->size();
    if (shares_valid && std::abs(share_sum - 1.0) > 1e-9)
      issues_.add(at, "the shares of the bouts must sum to 1, got " + rounded(share_sum));
  }

  /// A caregiver's own draws: caregiver-group parameters only, checked like the population's.
  std::vector<ParameterDraw> draws(const Located& at) {
    std::vector<ParameterDraw> result;
    const auto all = map_entries(at, issues_);
    if (!all) return result;
    std::vector<std::string> names;
    for (const auto& row : parameter_table())
      if (row.group == "caregiver") names.push_back(row.name);
    for (const auto& entry : known_entries(*all, names, "caregiver parameter", issues_)) {
      const std::size_t index = *find_parameter("caregiver", entry.name);
      if (auto d = parse_parameter_value(entry, parameter_table()[index], issues_)) result.push_back({index, std::move(*d)});
    }
    std::sort(result.begin(), result.end(), [](const ParameterDraw& x, const ParameterDraw& y) { return x.parameter < y.parameter; });
    return result;
  }

  void supports(const Located& at) {
    const auto items = sequence_items(at, issues_);
    if (!items) return;
    for (const auto& item : *items) {
      const auto all = map_entries(item, issues_);
      if (!all) {
        members_complete_ = false;
        continue;
      }
      const auto given_name = name(item, known_entries(*all, {"name"}, "key for a support", issues_));
      if (!given_name) {
        members_complete_ = false;
        continue;
      }
      members_[*given_name] = kSupport;
      family_.supports.push_back(*given_name);
    }
  }

  static constexpr std::size_t kSupport = static_cast<std::size_t>(-1);

  /// The index of the member an edge names (caregivers, then supports); nullopt after an issue.
  std::optional<std::size_t> member(const Located& at) {
    const auto text = read_string(at, issues_);
    if (!text) return std::nullopt;
    const auto it = members_.find(*text);
    if (it == members_.end()) {
      // A member whose own entry failed has been reported already.
      if (members_complete_) {
        std::vector<std::string> names;
        for (const auto& [n, index] : members_) names.push_back(n);
        issues_.add(at, "unknown member of the family '" + *text + "'" + suggestion(*text, names));
      }
      return std::nullopt;
    }
    if (it->second != kSupport) return it->second;
    const auto support = std::find(family_.supports.begin(), family_.supports.end(), *text) - family_.supports.begin();
    return family_.caregivers.size() + static_cast<std::size_t>(support);
  }

  /// A weight in [0, 1]; 0 when absent; nullopt after an issue.
  std::optional<double> weight(const std::vector<Located>& entries, std::string_view key) {
    const Located* at = find(entries, key);
    if (!at) return 0.0;
    const auto value = read_number(*at, issues_);
    if (value && !(*value >= 0.0 && *value <= 1.0)) {
      issues_.add(*at, "a weight must lie in [0, 1], got " + format_number(*value));
      return std::nullopt;
    }
    return value;
  }

  void edges(const Located& at) {
    const auto items = sequence_items(at, issues_);
    if (!items) return;
    std::vector<double> stress_into(family_.caregivers.size(), 0.0);
    std::vector<const Located*> last_into(family_.caregivers.size(), nullptr);
    for (const auto& item : *items) {
      const auto all = map_entries(item, issues_);
      if (!all) continue;
      const auto entries = known_entries(*all, {"from", "to", "stress", "support"}, "key for an edge", issues_);
      for (const char* key : {"from", "to"})
        if (!find(*all, key)) issues_.add(item.mark(), item.path + "." + key, std::string("missing required key '") + key + "'");
      const Located* from_at = find(entries, "from");
      const Located* to_at = find(entries, "to");
      const auto from = from_at ? member(*from_at) : std::nullopt;
      const auto to = to_at ? member(*to_at) : std::nullopt;
      const auto stress = weight(entries, "stress");
      const auto support = weight(entries, "support");
      if (!from || !to || !stress || !support) continue;
      if (*from == *to) {
        issues_.add(*to_at, "an edge must join two different members");
      } else if (*to >= family_.caregivers.size()) {
        issues_.add(*to_at, "'" + family_.member(*to) + "' is a support: edges end at a caregiver, whose stress they change");
      } else if (*from >= family_.caregivers.size() && *stress > 0.0) {
        issues_.add(*find(entries, "stress"), "a support has no stress of its own to pass on; give it support only");
      } else if (*stress == 0.0 && *support == 0.0) {
        issues_.add(item, "the edge carries neither stress nor support; give one of them a positive weight");
      } else if (std::any_of(family_.edges.begin(), family_.edges.end(),
                             [&](const FamilyEdgeSpec& e) { return e.from == *from && e.to == *to; })) {
        issues_.add(item, "an edge from '" + family_.member(*from) + "' to '" + family_.member(*to) + "' is already given");
      } else {
        family_.edges.push_back({*from, *to, *stress, *support});
        stress_into[*to] += *stress;
        if (*stress > 0.0) last_into[*to] = &item;
      }
    }
    // The spillover s = s_own + W s has a steady state only if every caregiver takes on
    // less than all of the stress around it (docs/MODEL.md, section 12).
    for (std::size_t k = 0; k < stress_into.size(); ++k)
      if (stress_into[k] >= 1.0)
        issues_.add(*last_into[k], "the stress weights into '" + family_.caregivers[k].name + "' sum to " +
                                       rounded(stress_into[k]) + "; they must sum to less than 1");
  }
};

}  // namespace

void load_family(const Located& at, FamilySpec& family, Issues& issues) { FamilyLoader(family, issues).section(at); }

}  // namespace attune::scenario_detail

#include "models/parameter_table.hpp"

#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace attune {
namespace {

/// Byte offset of every C++ field, keyed by "group.name".
std::unordered_map<std::string, std::size_t> field_offsets() {
  std::unordered_map<std::string, std::size_t> offsets;
#define ATTUNE_OFFSET(group, type, name) \
  offsets[#group "." #name] = offsetof(Parameters, group) + offsetof(type, name);
#define ATTUNE_INFANT(name) ATTUNE_OFFSET(infant, InfantParameters, name)
#define ATTUNE_CAREGIVER(name) ATTUNE_OFFSET(caregiver, CaregiverParameters, name)
#define ATTUNE_STRESSOR(name) ATTUNE_OFFSET(stressors, StressorParameters, name)
#define ATTUNE_IWM(name) ATTUNE_OFFSET(iwm, IwmParameters, name)
#define ATTUNE_SSP(name) ATTUNE_OFFSET(ssp, SspParameters, name)
#define ATTUNE_STILL_FACE(name) ATTUNE_OFFSET(still_face, StillFaceParameters, name)
  ATTUNE_INFANT_PARAMETERS(ATTUNE_INFANT)
  ATTUNE_CAREGIVER_PARAMETERS(ATTUNE_CAREGIVER)
  ATTUNE_STRESSOR_PARAMETERS(ATTUNE_STRESSOR)
  ATTUNE_IWM_PARAMETERS(ATTUNE_IWM)
  ATTUNE_SSP_PARAMETERS(ATTUNE_SSP)
  ATTUNE_STILL_FACE_PARAMETERS(ATTUNE_STILL_FACE)
#undef ATTUNE_INFANT
#undef ATTUNE_CAREGIVER
#undef ATTUNE_STRESSOR
#undef ATTUNE_IWM
#undef ATTUNE_SSP
#undef ATTUNE_STILL_FACE
#undef ATTUNE_OFFSET
  return offsets;
}

/// Splits one CSV line; fields may be quoted to hold commas.
std::vector<std::string> split_parameter_row(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

/// Group of the rows that describe fixed constants of the instruments, not Parameters fields.
constexpr std::string_view kInstrumentGroup = "instrument";

struct ParsedTable {
  std::vector<ParameterInfo> parameters;   ///< one per field of Parameters
  std::vector<ParameterInfo> instrument;   ///< group "instrument"
};

ParsedTable parse_table() {
  auto offsets = field_offsets();
  ParsedTable table;
  auto& rows = table.parameters;
  std::istringstream text(detail::kParameterTableCsv);
  std::string line;
  std::getline(text, line);  // header
  while (std::getline(text, line)) {
    if (line.empty()) continue;
    auto f = split_parameter_row(line);
    if (f.size() != 9) throw std::logic_error("parameters.csv: row with " + std::to_string(f.size()) + " fields: " + line);
    ParameterInfo info{f[0], f[1], std::stod(f[2]), f[3], std::stod(f[4]), std::stod(f[5]), f[6], f[7], f[8], 0};
    if (info.group == kInstrumentGroup) {
      table.instrument.push_back(std::move(info));
      continue;
    }
    auto it = offsets.find(info.qualified());
    if (it == offsets.end()) throw std::logic_error("parameters.csv: no C++ field for " + info.qualified());
    info.offset = it->second;
    offsets.erase(it);
    if (!(info.min <= info.default_value && info.default_value <= info.max))
      throw std::logic_error("parameters.csv: default outside its range for " + info.qualified());
    rows.push_back(std::move(info));
  }
  if (!offsets.empty()) throw std::logic_error("parameters.csv: no row for C++ field " + offsets.begin()->first);
  if (rows.size() * sizeof(double) != sizeof(Parameters))
    throw std::logic_error("parameters.csv: Parameters holds fields the table does not list");
  return table;
}

const ParsedTable& parsed_table() {
  static const ParsedTable parsed = parse_table();
  return parsed;
}

}  // namespace

const std::vector<ParameterInfo>& parameter_table() { return parsed_table().parameters; }

const std::vector<ParameterInfo>& instrument_table() { return parsed_table().instrument; }

std::optional<std::size_t> find_parameter(std::string_view group, std::string_view name) {
  const auto& table = parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].group == group && table[i].name == name) return i;
  return std::nullopt;
}

double& parameter_value(Parameters& parameters, const ParameterInfo& info) {
  return *reinterpret_cast<double*>(reinterpret_cast<char*>(&parameters) + info.offset);
}

double parameter_value(const Parameters& parameters, const ParameterInfo& info) {
  return *reinterpret_cast<const double*>(reinterpret_cast<const char*>(&parameters) + info.offset);
}

Parameters default_parameters() {
  Parameters parameters{};
  for (const auto& info : parameter_table()) parameter_value(parameters, info) = info.default_value;
  return parameters;
}

std::string parameter_table_markdown() {
  std::ostringstream md;
  md << "| parameter | default | unit | range | symbol | description | source |\n"
     << "|---|---|---|---|---|---|---|\n";
  auto row = [&md](const ParameterInfo& p) {
    md << "| `" << p.qualified() << "` | " << p.default_value << " | " << p.unit << " | ["
       << p.min << ", " << p.max << "] | " << p.symbol << " | " << p.description << " | "
       << p.source << " |\n";
  };
  for (const auto& p : parameter_table()) row(p);
  for (const auto& p : instrument_table()) row(p);
  return md.str();
}

}  // namespace attune

#include "tests/fuzz/mutation.hpp"

#include <array>
#include <cctype>
#include <functional>
#include <string_view>
#include <vector>

#include "sim/random/rng.hpp"

namespace attune::fuzz {
namespace {

/// Every name the engine invents starts with this, so that a mutant that still holds one
/// holds a key no schema knows.
constexpr std::string_view kInvented = "zz_invented";

/// The engine's own draws: xoshiro256++ and modulo, so a seed gives the same mutant with
/// any standard library (std::uniform_int_distribution is not specified bit for bit).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }
  bool percent(int p) { return below(100) < static_cast<std::size_t>(p); }
  template <class T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }
  /// A size from 1 to `most`, small ones as likely as large ones on a log scale.
  std::size_t log_size(std::size_t most) {
    std::size_t size = 1;
    const std::size_t doublings = below(64);
    for (std::size_t i = 0; i < doublings && size * 2 <= most; ++i) size *= 2;
    return size + below(size);
  }

 private:
  Xoshiro256pp engine_;
};

/// A stretch of the text, as byte offsets [begin, end).
struct Span {
  std::size_t begin = 0, end = 0;
};

std::size_t line_of(const std::string& text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

std::vector<Span> lines_of(const std::string& text) {
  std::vector<Span> lines;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
    lines.push_back({begin, end});
    begin = end;
  }
  return lines;
}

/// Offsets outside comments: a comment starts at '#' at a line's start or after a blank.
std::vector<bool> code_mask(const std::string& text) {
  std::vector<bool> code(text.size(), true);
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') comment = false;
    else if (text[i] == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t')) comment = true;
    code[i] = !comment;
  }
  return code;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

/// Numbers written as values (not inside words such as "caregiver2" or comments).
std::vector<Span> number_spans(const std::string& text) {
  const auto code = code_mask(text);
  std::vector<Span> spans;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts = std::isdigit(static_cast<unsigned char>(text[i])) ||
                        (text[i] == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])));
    if (!code[i] || !starts || (i > 0 && word_char(text[i - 1]))) continue;
    std::size_t end = i + 1;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
                                 text[end] == 'e' || text[end] == 'E' ||
                                 ((text[end] == '-' || text[end] == '+') && (text[end - 1] == 'e' || text[end - 1] == 'E'))))
      ++end;
    if (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      i = end;  // a word that starts with digits, not a number
      continue;
    }
    spans.push_back({i, end});
    i = end;
  }
  return spans;
}

/// Map keys: a name followed by ':' and a blank or the line's end, outside comments.
std::vector<Span> key_spans(const std::string& text) {
  const auto code = code_mask(text);
  std::vector<Span> spans;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!code[i] || !(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') ||
        (i > 0 && word_char(text[i - 1])))
      continue;
    std::size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    if (end < text.size() && text[end] == ':' && (end + 1 == text.size() || text[end + 1] == ' ' || text[end + 1] == '\n'))
      spans.push_back({i, end});
    i = end;
  }
  return spans;
}

/// The value written after a key, up to the end of its flow item or line (a bracketed
/// value to its closing bracket on the same line); empty when the key opens a block.
Span value_after(const std::string& text, const Span& key) {
  std::size_t begin = key.end + 1;
  while (begin < text.size() && text[begin] == ' ') ++begin;
  std::size_t end = begin;
  int depth = 0;
  for (; end < text.size() && text[end] != '\n'; ++end) {
    const char c = text[end];
    if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && depth-- == 0) break;
    else if (c == ',' && depth == 0) break;
    else if (c == '#' && text[end - 1] == ' ') break;
  }
  while (end > begin && text[end - 1] == ' ') --end;
  return {begin, end};
}

std::vector<Span> value_spans(const std::string& text) {
  std::vector<Span> values;
  for (const Span& key : key_spans(text)) {
    const Span value = value_after(text, key);
    if (value.end > value.begin) values.push_back(value);
  }
  return values;
}

std::string excerpt(const std::string& text, const Span& span) {
  const std::string_view whole(text.data() + span.begin, span.end - span.begin);
  return std::string(whole.substr(0, 24)) + (whole.size() > 24 ? "..." : "");
}

/// Replaces `span` by `by` and says where and what, for the mutant's description.
std::string replace(std::string& text, const Span& span, const std::string& by, const std::string& what) {
  const std::string said = "line " + std::to_string(line_of(text, span.begin)) + ": " + what + " '" +
                           excerpt(text, span) + "' -> '" + excerpt(by, {0, by.size()}) + "'" +
                           (by.size() > 24 ? " (" + std::to_string(by.size()) + " bytes)" : "");
  text.replace(span.begin, span.end - span.begin, by);
  return said;
}

// Each mutation below changes `text` and returns what it did, or "" when the text offers it
// nothing to work on (then another is drawn).

std::string delete_line(std::string& text, Draw& draw, const MutationScale&) {
  const auto lines = lines_of(text);
  if (lines.empty()) return "";
  const Span line = draw.pick(lines);
  const std::string said = "line " + std::to_string(line_of(text, line.begin)) + " deleted";
  text.erase(line.begin, line.end - line.begin);
  return said;
}

std::string duplicate_line(std::string& text, Draw& draw, const MutationScale&) {
  const auto lines = lines_of(text);
  if (lines.empty()) return "";
  const Span line = draw.pick(lines);
  std::string copy = text.substr(line.begin, line.end - line.begin);
  if (copy.back() != '\n') copy = "\n" + copy;
  const std::string said = "line " + std::to_string(line_of(text, line.begin)) + " duplicated";
  text.insert(line.end, copy);
  return said;
}

std::string change_number(std::string& text, Draw& draw, const MutationScale&) {
  const auto numbers = number_spans(text);
  if (numbers.empty()) return "";
  const Span number = draw.pick(numbers);
  const std::string original = text.substr(number.begin, number.end - number.begin);
  // Huge, negative, not-a-number, infinite, tiny, integer-overflowing, and not numbers at all.
  static const std::vector<std::string> kValues = {
      "1e308", "-1e308", "1e300", "1e8", "100000000000", "9223372036854775808", "18446744073709551616",
      "4294967296", "2147483648", "-2147483649", "-1", "-0.5", "0", "-0", ".nan", "nan", "NaN", ".inf", "-.inf",
      "inf", "1e-320", "1e-160", "1e-150", "0x10", "1_000", "\"12\"", "twelve", "true", "~", "\"\"", "[]", "{}",
      "0.0000001", "0.9999999", "1", "2"};
  std::string by;
  switch (draw.below(4)) {
    case 0: by = original.front() == '-' ? original.substr(1) : "-" + original; break;
    case 1: by = original + "e" + std::to_string(1 + draw.below(400)); break;
    default: by = draw.pick(kValues);
  }
  return replace(text, number, by, "number");
}

std::string swap_keys(std::string& text, Draw& draw, const MutationScale&) {
  const auto keys = key_spans(text);
  if (keys.size() < 2) return "";
  Span a = draw.pick(keys), b = draw.pick(keys);
  if (a.begin == b.begin) return "";
  if (b.begin < a.begin) std::swap(a, b);
  const std::string first = text.substr(a.begin, a.end - a.begin), second = text.substr(b.begin, b.end - b.begin);
  const std::string said = "keys '" + first + "' (line " + std::to_string(line_of(text, a.begin)) + ") and '" +
                           second + "' (line " + std::to_string(line_of(text, b.begin)) + ") swapped";
  text.replace(b.begin, b.end - b.begin, first);  // the later one first, so `a` keeps its offsets
  text.replace(a.begin, a.end - a.begin, second);
  return said;
}

std::string invent_key(std::string& text, Draw& draw, const MutationScale&) {
  const auto keys = key_spans(text);
  if (keys.empty()) return "";
  const Span key = draw.pick(keys);
  const std::string name = text.substr(key.begin, key.end - key.begin);
  if (draw.percent(50)) return replace(text, key, std::string(kInvented) + "_" + name, "key");
  // A new line at the key's indentation, after the key's line.
  std::size_t line_end = text.find('\n', key.begin);
  line_end = line_end == std::string::npos ? text.size() : line_end + 1;
  std::size_t line_begin = text.rfind('\n', key.begin);
  line_begin = line_begin == std::string::npos ? 0 : line_begin + 1;
  const std::string indent(key.begin - line_begin, ' ');
  const std::string line = (line_end == text.size() && text.back() != '\n' ? "\n" : "") + indent +
                           std::string(kInvented) + "_key: 1\n";
  const std::string said = "invented key inserted after line " + std::to_string(line_of(text, key.begin));
  text.insert(line_end, line);
  return said;
}

std::string break_indentation(std::string& text, Draw& draw, const MutationScale&) {
  const auto lines = lines_of(text);
  if (lines.empty()) return "";
  const Span line = draw.pick(lines);
  const std::string said_line = "line " + std::to_string(line_of(text, line.begin)) + ": indentation ";
  switch (draw.below(3)) {
    case 0: text.insert(line.begin, std::string(1 + draw.below(3), ' ')); return said_line + "deepened";
    case 1: text.insert(line.begin, "\t"); return said_line + "tab inserted";
    default: {
      std::size_t spaces = 0;
      while (line.begin + spaces < line.end && text[line.begin + spaces] == ' ') ++spaces;
      if (spaces == 0) return "";
      text.erase(line.begin, 1 + draw.below(spaces));
      return said_line + "reduced";
    }
  }
}

std::string use_alias(std::string& text, Draw& draw, const MutationScale&) {
  const auto values = value_spans(text);
  if (values.empty()) return "";
  if (values.size() < 2 || draw.percent(30))
    return replace(text, draw.pick(values), draw.percent(50) ? "*undefined_anchor" : "&lonely_anchor", "value");
  Span anchored = draw.pick(values), aliased = draw.pick(values);
  if (anchored.begin == aliased.begin) return "";
  // An anchor names a value; an alias before it refers to nothing, after it to that value.
  const std::string said = "value at line " + std::to_string(line_of(text, anchored.begin)) +
                           " anchored, aliased at line " + std::to_string(line_of(text, aliased.begin));
  if (aliased.begin > anchored.begin) {
    text.replace(aliased.begin, aliased.end - aliased.begin, "*fuzz_anchor");
    text.insert(anchored.begin, "&fuzz_anchor ");
  } else {
    text.insert(anchored.begin, "&fuzz_anchor ");
    text.replace(aliased.begin, aliased.end - aliased.begin, "*fuzz_anchor");
  }
  return said;
}

std::string nest_deeply(std::string& text, Draw& draw, const MutationScale& scale) {
  const auto values = value_spans(text);
  if (values.empty()) return "";
  const std::size_t depth = draw.log_size(scale.nesting_depth);
  std::string by;
  if (draw.percent(50)) {
    by = std::string(depth, '[') + "1" + std::string(depth, ']');
  } else {
    for (std::size_t i = 0; i < depth; ++i) by += "{a: ";
    by += "1" + std::string(depth, '}');
  }
  return replace(text, draw.pick(values), by, "value nested " + std::to_string(depth) + " deep:");
}

std::string lengthen(std::string& text, Draw& draw, const MutationScale& scale) {
  const std::size_t bytes = draw.log_size(scale.long_string_bytes);
  const bool key = draw.percent(30);
  const auto spans = key ? key_spans(text) : value_spans(text);
  if (spans.empty()) return "";
  std::string by(bytes, static_cast<char>('a' + draw.below(26)));
  if (!key && draw.percent(30)) by = "\"" + by + "\"";
  return replace(text, draw.pick(spans), by, key ? "key made long:" : "value made long:");
}

std::string insert_bytes(std::string& text, Draw& draw, const MutationScale& scale) {
  // NUL, invalid UTF-8, a byte-order mark, escapes and control characters; never '#', which
  // would only comment things out.
  static const std::vector<std::string> kBytes = {
      std::string(1, '\0'), "\xff", "\xfe", "\x80", "\xc3", "\xef\xbb\xbf", "\x1b", "\r", "\t", "\x7f",
      "\x01", "\xed\xa0\x80", ":", "{", "[", "\"", "'", "&", "*", "!", "%", "|", ">", "\\", "-"};
  const std::size_t count = draw.log_size(scale.binary_bytes);
  std::string bytes;
  for (std::size_t i = 0; i < count; ++i) bytes += draw.pick(kBytes);
  const std::size_t at = draw.below(text.size() + 1);
  const std::string said = "line " + std::to_string(line_of(text, at)) + ": " + std::to_string(bytes.size()) +
                           " odd bytes inserted";
  text.insert(at, bytes);
  return said;
}

std::string retype_value(std::string& text, Draw& draw, const MutationScale&) {
  const auto values = value_spans(text);
  if (values.empty()) return "";
  static const std::vector<std::string> kValues = {"[1, 2]", "{a: 1}", "null", "\"\"", "~", "[]", "{}", "-",
                                                   "!!binary aGVsbG8=", "!custom_tag x", "|", ">", "?", "'"};
  return replace(text, draw.pick(values), draw.pick(kValues), "value");
}

std::string cut_short(std::string& text, Draw& draw, const MutationScale&) {
  if (text.empty()) return "";
  const std::size_t at = draw.below(text.size());
  const std::string said = "cut at line " + std::to_string(line_of(text, at)) + " (byte " + std::to_string(at) + ")";
  text.resize(at);
  return said;
}

/// A "billion laughs" bomb under invented top-level keys at the file's start; sometimes a
/// known value is then replaced by its largest alias, so a loader that walks it meets it.
std::string alias_bomb(std::string& text, Draw& draw, const MutationScale& scale) {
  const int levels = 1 + static_cast<int>(draw.below(static_cast<std::size_t>(scale.alias_bomb_levels)));
  std::string bomb = std::string(kInvented) + "_lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < levels; ++level) {
    const std::string below = "*lol" + std::to_string(level - 1);
    bomb += std::string(kInvented) + "_lol" + std::to_string(level) + ": &lol" + std::to_string(level) + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ", " : "") + below;
    bomb += "]\n";
  }
  std::string said = "alias bomb of " + std::to_string(levels) + " levels at the start";
  if (draw.percent(50)) {
    const auto values = value_spans(text);
    if (!values.empty()) {
      const Span value = draw.pick(values);
      said += ", aliased at line " + std::to_string(line_of(text, value.begin) + static_cast<std::size_t>(levels));
      text.replace(value.begin, value.end - value.begin, "*lol" + std::to_string(levels - 1));
    }
  }
  text.insert(0, bomb);
  return said;
}

using Mutation = std::string (*)(std::string&, Draw&, const MutationScale&);
constexpr std::array<Mutation, 13> kMutations = {delete_line,  duplicate_line, change_number, swap_keys, invent_key,
                                                 break_indentation, use_alias, nest_deeply,  lengthen,  insert_bytes,
                                                 retype_value, cut_short,  alias_bomb};

}  // namespace

Mutant mutate(const std::string& text, std::uint64_t seed, const MutationScale& scale) {
  Draw draw(seed);
  Mutant mutant{text, "", false};
  // Mostly one mutation, sometimes two or three stacked: each finds what the last left.
  const std::size_t count = draw.percent(60) ? 1 : draw.percent(60) ? 2 : 3;
  for (std::size_t done = 0, tries = 0; done < count && tries < 50; ++tries) {
    const std::string said = kMutations[draw.below(kMutations.size())](mutant.text, draw, scale);
    if (said.empty()) continue;
    mutant.description += (done++ ? "; " : "") + said;
  }
  // A later mutation may have removed the invented name again (a deleted line, a cut).
  mutant.must_refuse = mutant.text.find(kInvented) != std::string::npos;
  return mutant;
}

}  // namespace attune::fuzz

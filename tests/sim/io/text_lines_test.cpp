// Unit tests of sim/io's one way to read a table (text_lines.hpp) and of gzip-compressed
// output files (atomic_file.hpp with Compression::gzip): tables as spreadsheets save them,
// compressed files read back as their text, and compressed bytes that depend on the text alone.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/io/atomic_file.hpp"
#include "sim/io/compression.hpp"
#include "sim/io/csv_read.hpp"
#include "sim/io/text_lines.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune;
using attune::testing::read_text;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

std::vector<std::string> text_lines_of(TextLines& in) {
  std::vector<std::string> lines;
  for (std::string line; in.next(line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> file_text_lines(const fs::path& path) {
  TextLines in(path);
  return text_lines_of(in);
}

/// `text` written through a gzip-compressed atomic file; with `flush_each_line`, the stream
/// is flushed after every line, as a writer checking its disk would.
fs::path written_gzip_file(const fs::path& path, const std::string& text, bool flush_each_line = false) {
  AtomicFile file(path.string(), Compression::gzip);
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size() - 1) + 1;
    file.stream() << text.substr(at, end - at);
    if (flush_each_line) file.stream().flush();
    at = end;
  }
  file.commit();
  return path;
}

/// A table of `rows` rows, about 60 bytes each.
std::string numbered_text_table(int rows) {
  std::string text = "dyad_id,arousal,label\n";
  for (int i = 0; i < rows; ++i) text += std::to_string(i) + "," + std::to_string(i * 0.001) + ",\"row, " + std::to_string(i) + "\"\n";
  return text;
}

}  // namespace

TEST_CASE("sim/io: a table saved by a spreadsheet reads as its lines, the byte-order mark and CRLF line ends dropped") {
  TempFolder folder("attune_io", "spreadsheet_lines");
  const std::vector<std::string> expected = {"\"caregiver.repair\",\"caregiver.detection\"", "0.3,0.5", "\"0.6\",0.7"};
  // Excel's "CSV UTF-8": a byte-order mark, CRLF after every line, quotes where it chose them.
  const auto excel = write_text(folder / "excel.csv", "\xEF\xBB\xBF" + expected[0] + "\r\n" + expected[1] + "\r\n" +
                                                         expected[2] + "\r\n");
  CHECK(file_text_lines(excel) == expected);
  // LibreOffice's "Text CSV" on Linux: no mark, LF, and no line end after the last row.
  const auto libre = write_text(folder / "libre.csv", expected[0] + "\n" + expected[1] + "\n" + expected[2]);
  CHECK(file_text_lines(libre) == expected);
  // Text already read (an input file within its size limit) reads the same.
  TextLines text(read_text(excel), "excel.csv");
  CHECK(text_lines_of(text) == expected);
  CHECK(text.number() == 3);
  CHECK(split_csv_line(file_text_lines(excel)[0]) == std::vector<std::string>{"caregiver.repair", "caregiver.detection"});
  // Only the first line can carry the mark; one later is text, kept as it is.
  const auto later = write_text(folder / "later.csv", "a\r\n\xEF\xBB\xBF" "b\r\n\r\n");
  CHECK(file_text_lines(later) == std::vector<std::string>{"a", "\xEF\xBB\xBF" "b", ""});
}

TEST_CASE("sim/io: a gzip-compressed table reads as the text it holds, a cut-short or damaged one is an error naming it") {
  TempFolder folder("attune_io", "gzip_lines");
  const std::string text = numbered_text_table(5000);  // ~150 KiB: several reads and line ends across them
  const auto compressed = written_gzip_file(folder / "dyads.csv.gz", text);
  const auto plain = write_text(folder / "plain.csv", text);
  CHECK(fs::file_size(compressed) < text.size() / 2);
  const auto lines = file_text_lines(plain);
  REQUIRE(lines.size() == 5001);
  CHECK(file_text_lines(compressed) == lines);
  CHECK(written_table(folder.path(), "dyads.csv") == compressed);  // only the compressed form exists
  CHECK(written_table(folder.path(), "plain.csv") == plain);

  const std::string bytes = read_text(compressed);
  const auto cut = write_text(folder / "cut.csv.gz", bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(file_text_lines(cut), Catch::Contains("cut.csv.gz") && Catch::Contains("cut short"));
  std::string damaged = bytes;
  for (std::size_t i = 100; i < 200; ++i) damaged[i] = static_cast<char>(~damaged[i]);
  const auto bad = write_text(folder / "damaged.csv.gz", damaged);
  CHECK_THROWS_WITH(file_text_lines(bad), Catch::Contains("damaged.csv.gz"));
  CHECK_THROWS_WITH(file_text_lines(folder / "absent.csv"), Catch::Contains("absent.csv") && Catch::Contains("cannot open"));
  // A file without line ends (here 17 MiB of one byte, compressed to a few KiB) is refused
  // at the line limit, not read into memory whole.
  const auto endless = written_gzip_file(folder / "endless.csv.gz", std::string(kMaxLineBytes + (1 << 20), 'x'));
  CHECK_THROWS_WITH(file_text_lines(endless), Catch::Contains("endless.csv.gz:1") && Catch::Contains("longer than"));
}

TEST_CASE("sim/io: a compressed file's bytes are its text's alone: no time, no name, the same however it was flushed") {
  TempFolder folder("attune_io", "gzip_bytes");
  const std::string text = numbered_text_table(3000);
  const std::string once = read_text(written_gzip_file(folder / "once.csv.gz", text));
  const std::string flushed = read_text(written_gzip_file(folder / "flushed.csv.gz", text, true));
  CHECK(once == flushed);
  REQUIRE(once.size() > 10);
  CHECK(once.substr(0, 3) == "\x1f\x8b\x08");         // gzip, deflate
  CHECK(once[3] == '\0');                              // no flags: no file name, no comment
  CHECK(once.substr(4, 4) == std::string(4, '\0'));    // modification time 0: none
  // Not committed, it leaves nothing: neither the file nor its temporary.
  {
    AtomicFile file((folder / "left.csv.gz").string(), Compression::gzip);
    file.stream() << text;
  }
  CHECK(!fs::exists(folder / "left.csv.gz"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path())) ++files;
  CHECK(files == 2);
}

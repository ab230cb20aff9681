#pragma once
/// Every limit of `attune serve`, with its default (README, "The teaching page", lists them).
/// A request beyond one is refused with a status and a message naming the limit.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace attune::serve {

struct ServerLimits {
  /// Population and still-face runs at once (429 beyond). Each run uses the server's
  /// worker threads, so more runs only share the cores more thinly; a block of records
  /// (about 2.5 MB: blocks of 64 dyads) per run bounds memory.
  int runs = 4;
  /// Dyads one population request may ask for (400 beyond): its length on the machine.
  std::uint64_t dyads = 5000;
  /// API requests per client address: a burst of `rate_burst`, refilled at `rate_per_second`
  /// (429 beyond). The page's own files are not counted: they are answered from memory.
  double rate_per_second = 20;
  double rate_burst = 60;
  /// Connections answered at once. Runs hold at most `runs` of them, so the rest answer
  /// the page and slow clients; a connection beyond waits for a thread.
  std::size_t connection_threads = 64;
  /// Connections of one client address at once (503 beyond, answered at once): a quarter of
  /// the threads, so one client cannot hold them all; a class behind one address (a NAT)
  /// closes its connections after each answer, so 16 serve it (attune serve --connections-per-address).
  std::size_t connections_per_address = 16;
  /// Request line and headers: their total size (431) and the time from their first byte (408).
  std::size_t header_bytes = 8192;
  std::chrono::milliseconds header_time{5000};
  /// One read of a request body or write of an answer.
  std::chrono::milliseconds io_time{5000};
  /// An idle keep-alive connection is closed after this long, or after `keep_alive_requests`.
  std::chrono::milliseconds idle_time{5000};
  std::size_t keep_alive_requests = 100;
  /// Class mode (`attune serve --class`): distinct students whose predictions one question
  /// keeps (429 beyond), and the size of a class request's JSON body (413 beyond).
  std::size_t students = 200;
  std::size_t class_body_bytes = 2048;
  /// Class mode: new students one client address may add to one question (429 beyond),
  /// so one machine cannot fill the class with made-up students; a class behind one
  /// address (a NAT) raises it (attune serve --students-per-address).
  std::size_t students_per_address = 4;
  /// Class mode: every API request of one client address, whoever sends it, on top of
  /// the per-address (per-student for a student's poll) rate above: ten times it, enough
  /// for a class polling from behind one address (429 beyond).
  double address_rate_per_second = 200;
  double address_rate_burst = 600;
  /// Class mode: requests with a wrong join code, the whole server together, per minute
  /// (429 beyond; the terminal is told once), so the code cannot be guessed.
  double wrong_codes_per_minute = 100;
};

}  // namespace attune::serve

#include "sim/serve/guarded_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace attune::serve {
namespace {

/// The connection this thread answers: httplib runs a connection's requests, handlers
/// and content providers on the thread that took it from the queue.
struct CurrentConnection {
  ConnectionStream* stream = nullptr;
  bool close = false;
};
thread_local CurrentConnection current_connection;

/// The answer to a request cut short before httplib could parse it (its request line
/// was too slow or too long): httplib closes such a connection without a word.
void answer_cut(ConnectionStream& stream, const ConnectionLimits& limits) {
  const bool slow = stream.cut() == HeaderCut::too_slow;
  const std::string body = slow ? "the request line and headers must arrive within " +
                                      std::to_string(limits.stream.header_time.count()) + " ms\n"
                                : "the request line and headers must be at most " +
                                      std::to_string(limits.stream.header_bytes) + " bytes\n";
  const std::string answer =
      std::string(slow ? "HTTP/1.1 408 Request Timeout" : "HTTP/1.1 431 Request Header Fields Too Large") +
      "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  stream.write(answer.data(), answer.size());
}

}  // namespace

GuardedServer::GuardedServer(const ConnectionLimits& limits) : limits_(limits) {
  const auto threads = limits.threads;
  new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  set_keep_alive_max_count(limits.requests);
  set_keep_alive_timeout(std::chrono::ceil<std::chrono::seconds>(limits.idle).count());
}

void GuardedServer::widen_backlog() {
  // Linux takes a second listen() on a listening socket as a new backlog.
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
}

bool GuardedServer::client_gone() {
  return current_connection.stream == nullptr || current_connection.stream->client_gone();
}

HeaderCut GuardedServer::header_cut() {
  return current_connection.stream ? current_connection.stream->cut() : HeaderCut::none;
}

bool GuardedServer::body_late() {
  return current_connection.stream != nullptr && current_connection.stream->body_late();
}

void GuardedServer::close_after_answer() { current_connection.close = true; }

bool GuardedServer::process_and_close_socket(socket_t socket) {
  ConnectionStream stream(socket, limits_.stream, [this] { return svr_sock_ == INVALID_SOCKET; });
  current_connection = {&stream, false};
  bool answered = false;
  for (std::size_t left = limits_.requests; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!stream.wait_for_request(limits_.idle)) break;
    bool client_closes = false;
    answered =
        process_request(stream, left == 1, client_closes, [&](httplib::Request&) { stream.headers_read(); });
    if (stream.cut() != HeaderCut::none && stream.written() == 0) answer_cut(stream, limits_);
    // A body cut short leaves its rest unread: it must not be read as the next request.
    if (!answered || client_closes || current_connection.close || stream.cut() != HeaderCut::none ||
        stream.body_late())
      break;
  }
  current_connection = {};
  shutdown(socket, SHUT_RDWR);
  close(socket);
  return answered;
}

}  // namespace attune::serve

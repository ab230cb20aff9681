#include "sim/serve/guarded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
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

/// The client address of a connected socket, as text ("" when it cannot be read).
std::string peer_address(socket_t socket) {
  sockaddr_storage peer{};
  socklen_t size = sizeof peer;
  if (::getpeername(socket, reinterpret_cast<sockaddr*>(&peer), &size) != 0) return "";
  char text[INET6_ADDRSTRLEN] = "";
  if (peer.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(peer).sin_addr, text, sizeof text);
  else if (peer.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr, text, sizeof text);
  return text;
}

/// Refuses a connection beyond its address's share at once: 503 naming the limit, then
/// closed, whatever the client has sent (nothing of it is read).
void refuse_connection(socket_t socket, std::size_t per_address) {
  const std::string body = "too many connections from your address: at most " + std::to_string(per_address) +
                           " at once from one client address (attune serve --connections-per-address)\n";
  const std::string answer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
      "Connection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  ::send(socket, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  // Half-close first: a close with the request unread would reset the connection, and the
  // client could lose the answer with it.
  ::shutdown(socket, SHUT_WR);
  char drain[1024];
  while (::recv(socket, drain, sizeof drain, MSG_DONTWAIT) > 0) {
  }
  ::close(socket);
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

bool GuardedServer::enter(const std::string& address) {
  const std::lock_guard<std::mutex> lock(addresses_mutex_);
  std::size_t& open = open_by_address_[address];
  if (open >= limits_.per_address) return false;
  ++open;
  return true;
}

void GuardedServer::leave(const std::string& address) {
  const std::lock_guard<std::mutex> lock(addresses_mutex_);
  const auto it = open_by_address_.find(address);
  if (it != open_by_address_.end() && --it->second == 0) open_by_address_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t socket) {
  // httplib (0.11) gives no hook between accept and the thread pool, so the address's share
  // is checked here, as a thread takes the connection and before anything is read: one
  // client's silent connections hold at most `per_address` threads, and the rest of its
  // connections are answered at once by the threads still free.
  const std::string address = peer_address(socket);
  if (!enter(address)) {
    refuse_connection(socket, limits_.per_address);
    return false;
  }
  const bool answered = process_connection(socket);
  leave(address);
  return answered;
}

bool GuardedServer::process_connection(socket_t socket) {
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

#include "sim/cli/serve_command.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "sim/serve/teaching_server.hpp"
#include "sim/serve/web_assets.hpp"

namespace attune::serve {
namespace {

bool loopback(const std::string& bind) {
  return bind.rfind("127.", 0) == 0 || bind == "::1" || bind == "localhost";
}

/// The class's three lines: what the teacher shows the class and what the teacher opens.
void print_class_access(const TeachingServer::ClassAccess& access, const std::string& bind, int port) {
  std::cout << "attune serve: class join code: " << access.join_code << '\n';
  if (access.student_address.empty())
    std::cout << "attune serve: students open http://<this machine's address>:" << port
              << "/join (no network address was found: use the address this machine has on the class's network)\n";
  else
    std::cout << "attune serve: students open " << access.student_address << '\n';
  std::cout << "attune serve: teacher opens " << access.teacher_address
            << " (keep this address to yourself: it runs the class)\n";
  if (loopback(bind))
    std::cout << "attune serve: note: --bind " << bind
              << " answers this machine only; --bind 0.0.0.0 lets students on the network join\n";
  std::cout << std::flush;
}

}  // namespace

int serve_command(const ServeOptions& options) {
  if (const std::string missing = missing_web_assets(); !missing.empty()) {
    std::cerr << "attune serve: " << missing << '\n';
    return 1;
  }
  // SIGINT and SIGTERM are taken by one waiting thread, not a handler: stopping the
  // server is not async-signal-safe. Blocked before any thread starts, so all inherit it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  TeachingServer server(options.threads, options.limits, options.class_mode);
  int port = 0;
  try {
    port = server.bind(options.bind, options.port);
  } catch (const std::exception& e) {
    std::cerr << "attune serve: " << e.what() << '\n';
    return 1;
  }
  std::string host = options.bind.find(':') == std::string::npos ? options.bind : "[" + options.bind + "]";
  std::cout << "attune serve: listening on http://" << host << ':' << port << "/ (Ctrl-C to stop)" << std::endl;
  if (options.class_mode) print_class_access(server.class_access(), options.bind, port);

  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    const timespec poll{0, 200'000'000};
    while (!finished) {
      if (sigtimedwait(&signals, nullptr, &poll) < 0) continue;
      // A signal may come before listen() runs; keep asking until it has returned.
      while (!finished) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  });
  server.listen();
  finished = true;
  waiter.join();
  std::cout << "attune serve: stopped" << std::endl;
  return 0;
}

}  // namespace attune::serve

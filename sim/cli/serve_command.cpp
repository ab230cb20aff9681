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

  TeachingServer server(options.threads, options.limits);
  int port = 0;
  try {
    port = server.bind(options.bind, options.port);
  } catch (const std::exception& e) {
    std::cerr << "attune serve: " << e.what() << '\n';
    return 1;
  }
  std::string host = options.bind.find(':') == std::string::npos ? options.bind : "[" + options.bind + "]";
  std::cout << "attune serve: listening on http://" << host << ':' << port << "/ (Ctrl-C to stop)" << std::endl;

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

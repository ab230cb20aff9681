#include "sim/serve/teaching_server.hpp"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "analysis/run/still_face_demo.hpp"
#include "analysis/run/teaching_page.hpp"
#include "sim/run/driver.hpp"
#include "sim/serve/class_address.hpp"
#include "sim/serve/class_auth.hpp"
#include "sim/serve/class_room.hpp"
#include "sim/serve/class_routes.hpp"
#include "sim/serve/class_secrets.hpp"
#include "sim/serve/client_rate.hpp"
#include "sim/serve/day_trace.hpp"
#include "sim/serve/guarded_server.hpp"
#include "sim/serve/http.hpp"
#include "sim/serve/page_scenario.hpp"
#include "sim/serve/population_stream.hpp"
#include "sim/serve/preset_catalog.hpp"
#include "sim/serve/request_query.hpp"
#include "sim/serve/run_slots.hpp"
#include "sim/serve/still_face_trace.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "sim/serve/web_assets.hpp"

namespace attune::serve {
namespace {

// A classroom population: ~1,000 dyads give class shares within about ±3 points
// (binomial SE at p = 0.5) in a few seconds on two cores.
constexpr std::uint64_t kDefaultDyads = 1000;
// Six months of age: the middle of the first year, as `attune run --trace` uses.
constexpr int kDefaultTraceDay = 182;

std::string controls_json(std::uint64_t default_dyads, std::uint64_t max_dyads) {
  nlohmann::json controls = nlohmann::json::array();
  for (const auto& c : teaching_controls())
    controls.push_back({{"id", c.id},
                        {"label", c.label},
                        {"min", c.min},
                        {"max", c.max},
                        {"step", c.step},
                        {"normative", c.normative},
                        {"maps_to", c.maps_to}});
  return nlohmann::json{{"controls", controls},
                        {"dyads", default_dyads},
                        {"max_dyads", max_dyads},
                        {"trace_day", kDefaultTraceDay},
                        {"published", page_reference_figures()}}
      .dump();
}

/// The connection limits of `limits`, for the guarded httplib server.
ConnectionLimits connection_limits(const ServerLimits& limits) {
  return {{limits.header_time, limits.header_bytes, limits.io_time, limits.io_time},
          limits.idle_time,
          limits.keep_alive_requests,
          limits.connection_threads,
          limits.connections_per_address};
}

/// The message of an error the library answered before any handler ran.
std::string library_error_message(const httplib::Request& request, int& status, const ServerLimits& limits) {
  switch (GuardedServer::header_cut()) {
    case HeaderCut::too_slow:
      status = 408;
      return "the request line and headers must arrive within " + std::to_string(limits.header_time.count()) +
             " ms";
    case HeaderCut::too_large:
      status = 431;
      return "the request line and headers must be at most " + std::to_string(limits.header_bytes) + " bytes";
    case HeaderCut::none:
      break;
  }
  if (GuardedServer::body_late()) {
    status = 408;
    return "a request's body must arrive within " + std::to_string(limits.io_time.count()) +
           " ms of its headers";
  }
  if (status == 404) return "no such page: " + request.path;
  if (status == 413) return "the server takes no request body";
  return "malformed request";
}

}  // namespace

struct TeachingServer::Impl {
  int threads = 0;
  ServerLimits limits;
  std::uint64_t default_dyads;
  // Before the server: a run's stream holds a slot until the server's threads have ended.
  RunSlots runs;
  ClientRate rate;
  ClientRate address_rate;  // class mode: every request of an address together
  ClientRate wrong_codes;   // class mode: wrong join codes, the whole server as one client
  std::atomic<bool> wrong_codes_told{false};
  // Class mode only (null and empty without): after `runs`, whose slot its run holds.
  std::unique_ptr<ClassRoom> room;
  ClassKeys keys;
  TeachingServer::ClassAccess access;
  GuardedServer http;
  std::atomic<bool> stopping{false};

  Impl(int threads_, const ServerLimits& limits_, bool class_mode)
      : threads(threads_),
        limits(limits_),
        default_dyads(std::min(kDefaultDyads, limits_.dyads)),
        runs(limits_.runs),
        rate(limits_.rate_per_second, limits_.rate_burst),
        address_rate(limits_.address_rate_per_second, limits_.address_rate_burst),
        wrong_codes(limits_.wrong_codes_per_minute / 60, limits_.wrong_codes_per_minute),
        room(class_mode ? std::make_unique<ClassRoom>(limits_.students, limits_.students_per_address, threads_, runs.dyads) : nullptr),
        keys(class_mode ? ClassKeys{new_join_code(), new_teacher_secret()} : ClassKeys{}),
        access{keys.join_code, keys.teacher_secret, "", ""},
        http(connection_limits(limits_)) {}

  /// Refusals that come before any route: a body or a method other than GET (except on
  /// the class routes, which take small JSON bodies), an API request beyond the client's
  /// rate, and in class mode an API request without the teacher's secret or the join
  /// code, or a student's beyond the students' routes.
  httplib::Server::HandlerResponse screen(const httplib::Request& request, httplib::Response& response) {
    const auto refuse = [&](int status, const std::string& message) {
      // A body left unread would be read as the next request: the connection closes.
      if (request.has_header("Content-Length") || request.has_header("Transfer-Encoding"))
        GuardedServer::close_after_answer();
      answer_text(response, status, message);
      return httplib::Server::HandlerResponse::Handled;
    };
    if (room && request.path.rfind("/api/class/", 0) == 0) {
      const ClassRefusal refusal = class_body_refusal(request, limits.class_body_bytes);
      if (refusal.status == 405) response.set_header("Allow", "GET, HEAD, POST");
      if (refusal.status != 0) return refuse(refusal.status, refusal.message);
    } else {
      if (request.get_header_value_count("Content-Length") > 1 || request.has_header("Transfer-Encoding") ||
          request.get_header_value("Content-Length", 0).find_first_not_of("0") != std::string::npos)
        return refuse(413, "the server takes no request body");
      if (request.method != "GET" && request.method != "HEAD") {
        response.set_header("Allow", "GET, HEAD");
        return refuse(405, "only GET and HEAD are answered");
      }
    }
    if (request.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
    const ClassRole role = room ? class_role(request, keys) : ClassRole::teacher;
    if (room && !address_rate.admit(request.remote_addr)) {
      response.set_header("Retry-After", "1");
      return refuse(429, "too many requests from " + request.remote_addr + ": at most " +
                             format_count(limits.address_rate_burst) + " API requests at once from one address, then " +
                             format_count(limits.address_rate_per_second) + " per second, the class together");
    }
    if (!rate.admit(rate_key(request, role))) {
      response.set_header("Retry-After", "1");
      return refuse(429, "too many requests from " + request.remote_addr + ": at most " +
                             format_count(limits.rate_burst) + " API requests at once, then " +
                             format_count(limits.rate_per_second) + " per second");
    }
    if (role == ClassRole::wrong_code && !wrong_codes.admit("")) {
      if (!wrong_codes_told.exchange(true))
        std::cerr << "attune serve: more than " << format_count(limits.wrong_codes_per_minute)
                  << " wrong join codes a minute (last from " << request.remote_addr
                  << "); someone may be guessing the code; wrong codes are now answered 429\n";
      response.set_header("Retry-After", "60");
      return refuse(429, "too many wrong join codes: the server takes at most " +
                             format_count(limits.wrong_codes_per_minute) +
                             " a minute from everyone together; check the code shown by the teacher and try later");
    }
    if (!room) return httplib::Server::HandlerResponse::Unhandled;
    if (const ClassRefusal refusal = class_refusal(role, request); refusal.status != 0)
      return refuse(refusal.status, refusal.message);
    if (role == ClassRole::student) {
      // A student's connection is closed after each answer: kept alive, the polls of a
      // class would hold a worker thread each (ServerLimits::connection_threads).
      response.set_header("Connection", "close");
      GuardedServer::close_after_answer();
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  /// Whose rate an API request counts against: its address, and for a student's poll of
  /// the class's state also its token, so a class behind one address (a NAT) is not one
  /// client. Only the poll: a made-up token on any other request would buy a fresh
  /// allowance (every request also counts against its address's, address_rate).
  static std::string rate_key(const httplib::Request& request, ClassRole role) {
    const bool poll = (request.method == "GET" || request.method == "HEAD") && request.path == "/api/class/state";
    if (role != ClassRole::student || !poll || !request.has_param("student")) return request.remote_addr;
    return request.remote_addr + " " + request.get_param_value("student");
  }

  static std::string format_count(double value) {
    std::ostringstream text;
    text << value;  // 60, 0.5: as the limit was given
    return text.str();
  }

  /// A run slot for this request, or null with the request answered: 429, or 400 when its
  /// client has closed its side (gone, as a page that was left is; nobody would read the run).
  std::shared_ptr<RunSlots::Slot> take_run(httplib::Response& response) {
    if (GuardedServer::client_gone()) {
      ++runs.client_gone;
      GuardedServer::close_after_answer();
      answer_text(response, 400,
                  "the client closed its side of the connection before the run began: nothing computed");
      return nullptr;
    }
    auto slot = runs.take();
    if (!slot) {
      response.set_header("Retry-After", "1");
      answer_text(response, 429,
                  "the server is running " + std::to_string(runs.slots()) +
                      " populations, its limit (attune serve --max-runs); try again when one has finished");
    }
    return slot;
  }

  std::string status_json() const {
    return nlohmann::json{{"runs", runs.running()},
                          {"max_runs", runs.slots()},
                          {"refused_runs", runs.refused.load()},
                          {"client_gone_runs", runs.client_gone.load()},
                          {"dyads_simulated", runs.dyads.load()}}
        .dump();
  }

  void routes() {
    // Bodies are screened before they are read (screen): only the class routes take one.
    http.set_payload_max_length(room ? limits.class_body_bytes : 0);
    http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      return screen(request, response);
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& request, httplib::Response& response) {
          if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          const std::string message = library_error_message(request, response.status, limits);
          if (GuardedServer::body_late()) response.set_header("Connection", "close");  // the rest stays unread
          answer_text(response, response.status, message);
          return httplib::Server::HandlerResponse::Handled;
        }));
    // A failure that is not the request's fault (a defect) still gets a readable answer.
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
          std::string message = "internal error";
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            message.append(": ").append(e.what());
          } catch (...) {
          }
          answer_text(response, 500, message);
        });
    for (const auto& asset : web_assets())
      http.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& response) {
        response.set_content(asset.body.data(), asset.body.size(), std::string(asset.content_type).c_str());
      });
    http.Get("/api/controls", [this](const httplib::Request&, httplib::Response& response) {
      response.set_content(controls_json(default_dyads, limits.dyads), "application/json");
    });
    http.Get("/api/presets", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(presets_json().dump(), "application/json");
    });
    http.Get("/api/compare", [](const httplib::Request& request, httplib::Response& response) {
      try {
        // Far above any population a page runs (--max-dyads is at most 100,000).
        constexpr std::uint64_t kMaxClassCount = 10'000'000;
        const Query query = read_query(request, {"baseline", "current"});
        if (!query.controls.empty())
          throw ControlError("/api/compare takes only baseline and current, not " + query.controls.begin()->first);
        const auto baseline = query.class_counts("baseline", kMaxClassCount);
        const auto current = query.class_counts("current", kMaxClassCount);
        response.set_content(class_comparison(baseline, current).dump(), "application/json");
      } catch (const ControlError& e) {
        answer_text(response, 400, e.what());
      }
    });
    http.Get("/api/status", [this](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(status_json(), "application/json");
    });
    http.Get("/api/population", [this](const httplib::Request& request, httplib::Response& response) {
      population(request, response);
    });
    http.Get("/api/trace", [this](const httplib::Request& request, httplib::Response& response) {
      try {
        const Query query = read_query(request, page_scenario_keys({"dyad", "day"}));
        const Scenario scenario = page_scenario(query, default_dyads, limits.dyads, ArmsLived::untreated);
        const auto dyad = query.integer("dyad", 0, 0, limits.dyads);
        const auto day = query.integer("day", kDefaultTraceDay, 0, 1100);
        response.set_content(day_trace_json(scenario, dyad, static_cast<int>(day)), "application/json");
      } catch (const std::invalid_argument& e) {  // ControlError too
        answer_text(response, 400, e.what());
      }
    });
    http.Get("/api/still_face_trace", [this](const httplib::Request& request, httplib::Response& response) {
      try {
        // One infant of the still-face button's population (its 200 dyads unless dyads= says).
        const Query query = read_query(request, page_scenario_keys({"dyad"}));
        const Scenario scenario = page_scenario(query, kDemoStillFaceDyads, limits.dyads, ArmsLived::untreated);
        const auto dyad = query.integer("dyad", 0, 0, limits.dyads);
        response.set_content(still_face_trace_json(scenario, dyad), "application/json");
      } catch (const std::invalid_argument& e) {  // ControlError too
        answer_text(response, 400, e.what());
      }
    });
    http.Get("/api/still_face", [this](const httplib::Request& request, httplib::Response& response) {
      still_face(request, response);
    });
    if (room)
      add_class_routes(http, {*room, keys, access.student_address, limits, default_dyads,
                              [this](httplib::Response& response) { return take_run(response); }});
  }

  /// The class's addresses, once the server is bound to `host`:`port`.
  void set_class_addresses(const std::string& host, int port) {
    const std::string student_host_name = student_host(host);
    const std::string port_text = ":" + std::to_string(port);
    if (!student_host_name.empty()) access.student_address = "http://" + student_host_name + port_text + "/join";
    access.teacher_address = "http://" + (student_host_name.empty() ? std::string("127.0.0.1") : student_host_name) +
                             port_text + "/#teacher=" + keys.teacher_secret;
  }

  void still_face(const httplib::Request& request, httplib::Response& response) {
    Scenario scenario;
    try {
      scenario = page_scenario(read_query(request, {"preset"}), kDemoStillFaceDyads, kDemoStillFaceDyads,
                               ArmsLived::untreated);
    } catch (const ControlError& e) {
      answer_text(response, 400, e.what());
      return;
    }
    const auto slot = take_run(response);
    if (!slot) return;
    const auto run = [this](const Scenario& s, const std::function<void(const DyadRecord&)>& consume) {
      RunOptions options;
      options.dyads = s.dyads;
      options.seed = s.seed;
      options.threads = threads;
      run_dyads(s, options, consume);
      runs.dyads += s.dyads;
    };
    response.set_content(still_face_demo_json(scenario, kDemoStillFaceDyads, run), "application/json");
  }

  void population(const httplib::Request& request, httplib::Response& response) {
    Scenario scenario;
    try {
      scenario = page_scenario(read_query(request, page_scenario_keys()), default_dyads, limits.dyads);
    } catch (const ControlError& e) {
      answer_text(response, 400, e.what());
      return;
    }
    auto slot = take_run(response);
    if (!slot) return;
    response.set_header("Cache-Control", "no-store");
    // Exactly "text/event-stream": httplib leaves that type uncompressed, so each event
    // reaches the page as soon as it is written. The provider holds the run's slot.
    response.set_chunked_content_provider(
        "text/event-stream",
        [this, slot = std::move(slot), scenario = std::move(scenario)](std::size_t, httplib::DataSink& sink) {
          std::vector<std::string> arms;
          for (const auto& arm : scenario.arms) arms.push_back(arm.name);
          PopulationView view(std::move(arms));
          const auto send = [&](const char* event, const StreamProgress& progress) {
            const std::string text = std::string("event: ")
                                         .append(event)
                                         .append("\ndata: ")
                                         .append(view.json(progress.done, progress.total))
                                         .append("\n\n");
            return sink.write(text.data(), text.size());
          };
          // is_writable() is false once the client has closed its end, so a page that
          // went away stops the run at the next block even before a write fails.
          const StreamProgress last = stream_population(
              scenario, threads, stopping,
              [&](const DyadRecord& record, std::size_t arm) {
                view.add(record, arm);
                ++runs.dyads;
              },
              [&](const StreamProgress& progress) { return sink.is_writable() && send("counts", progress); });
          if (last.done == last.total)
            send("done", last);
          else if (!stopping)
            ++runs.client_gone;
          sink.done();
          return true;
        });
  }
};

TeachingServer::TeachingServer(int threads, const ServerLimits& limits, bool class_mode)
    : impl_(std::make_unique<Impl>(threads, limits, class_mode)) {
  impl_->routes();
}

TeachingServer::~TeachingServer() = default;

int TeachingServer::bind(const std::string& host, int port) {
  const int bound =
      port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  impl_->http.widen_backlog();
  if (impl_->room) impl_->set_class_addresses(host, bound);
  return bound;
}

void TeachingServer::listen() { impl_->http.listen_after_bind(); }

void TeachingServer::stop() {
  impl_->stopping = true;
  if (impl_->room) impl_->room->cancel();
  impl_->http.stop();
}

const TeachingServer::ClassAccess& TeachingServer::class_access() const { return impl_->access; }

}  // namespace attune::serve

#include "sim/serve/teaching_server.hpp"

#include <atomic>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "analysis/run/teaching_page.hpp"
#include "analysis/run/still_face_demo.hpp"
#include "sim/run/driver.hpp"
#include "sim/serve/day_trace.hpp"
#include "sim/serve/population_stream.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "sim/serve/web_assets.hpp"

namespace attune::serve {
namespace {

// A classroom population: ~1,000 dyads give class shares within about ±3 points
// (binomial SE at p = 0.5) in a few seconds on two cores; 5,000 caps a run's length.
constexpr std::uint64_t kDefaultDyads = 1000;
constexpr std::uint64_t kMaxDyads = 5000;
// Six months of age: the middle of the first year, as `attune run --trace` uses.
constexpr int kDefaultTraceDay = 182;

/// A finite number from query text, or ControlError naming the key.
double query_number(const std::string& key, const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    throw ControlError(key + " must be a number, got '" + text + "'");
  return value;
}

/// A whole number in [lo, hi] from query text, or ControlError naming the key.
std::uint64_t query_integer(const std::string& key, const std::string& text, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < lo || value > hi)
    throw ControlError(key + " must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                       "], got '" + text + "'");
  return value;
}

/// A request's slider values and its other keys (each allowed once).
struct Query {
  std::map<std::string, double> controls;
  std::map<std::string, std::string> other;
  std::uint64_t dyads() const {
    const auto it = other.find("dyads");
    return it == other.end() ? kDefaultDyads : query_integer("dyads", it->second, 1, kMaxDyads);
  }
};

Query read_query(const httplib::Request& request, const std::set<std::string>& other_keys) {
  Query query;
  std::set<std::string> seen;
  std::set<std::string> known = other_keys;
  for (const auto& c : teaching_controls()) known.insert(c.id);
  for (const auto& [key, value] : request.params) {
    if (!known.count(key)) {
      std::string message = "unknown parameter '" + key + "'; expected one of:";
      for (const auto& k : known) message.append(" ").append(k);
      throw ControlError(message);
    }
    if (!seen.insert(key).second) throw ControlError(key + " is given more than once");
    if (other_keys.count(key))
      query.other[key] = value;
    else
      query.controls[key] = query_number(key, value);
  }
  return query;
}

void answer_bad_request(httplib::Response& response, const std::string& message) {
  response.status = 400;
  response.set_content(message + "\n", "text/plain; charset=utf-8");
}

std::string controls_json() {
  nlohmann::json controls = nlohmann::json::array();
  for (const auto& c : teaching_controls())
    controls.push_back({{"id", c.id}, {"label", c.label}, {"min", c.min}, {"max", c.max}, {"step", c.step},
                        {"normative", c.normative}, {"maps_to", c.maps_to}});
  return nlohmann::json{{"controls", controls},
                        {"dyads", kDefaultDyads},
                        {"max_dyads", kMaxDyads},
                        {"trace_day", kDefaultTraceDay},
                        {"published", page_reference_figures()}}
      .dump();
}

}  // namespace

struct TeachingServer::Impl {
  int threads = 0;
  httplib::Server http;
  std::atomic<bool> stopping{false};

  void routes() {
    // A failure that is not the request's fault (a defect) still gets a readable answer.
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
      std::string message = "internal error";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        message.append(": ").append(e.what());
      } catch (...) {
      }
      response.status = 500;
      response.set_content(message + "\n", "text/plain; charset=utf-8");
    });
    for (const auto& asset : web_assets())
      http.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& response) {
        response.set_content(asset.body.data(), asset.body.size(), std::string(asset.content_type).c_str());
      });
    http.Get("/api/controls", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(controls_json(), "application/json");
    });
    http.Get("/api/population", [this](const httplib::Request& request, httplib::Response& response) {
      population(request, response);
    });
    http.Get("/api/trace", [](const httplib::Request& request, httplib::Response& response) {
      try {
        const Query query = read_query(request, {"dyads", "dyad", "day"});
        const Scenario scenario = teaching_scenario(query.controls, query.dyads());
        const auto dyad = query.other.count("dyad") ? query_integer("dyad", query.other.at("dyad"), 0, kMaxDyads) : 0;
        const auto day = query.other.count("day") ? query_integer("day", query.other.at("day"), 0, 1100)
                                                  : static_cast<std::uint64_t>(kDefaultTraceDay);
        response.set_content(day_trace_json(scenario, dyad, static_cast<int>(day)), "application/json");
      } catch (const std::invalid_argument& e) {  // ControlError too
        answer_bad_request(response, e.what());
      }
    });
    http.Get("/api/still_face", [this](const httplib::Request& request, httplib::Response& response) {
      try {
        const Query query = read_query(request, {});
        const auto run = [this](const Scenario& scenario, const std::function<void(const DyadRecord&)>& consume) {
          RunOptions options;
          options.dyads = scenario.dyads;
          options.seed = scenario.seed;
          options.threads = threads;
          run_dyads(scenario, options, consume);
        };
        response.set_content(still_face_demo_json(teaching_scenario(query.controls, kDemoStillFaceDyads),
                                                  kDemoStillFaceDyads, run),
                             "application/json");
      } catch (const std::invalid_argument& e) {  // ControlError too
        answer_bad_request(response, e.what());
      }
    });
  }

  void population(const httplib::Request& request, httplib::Response& response) {
    Scenario scenario;
    try {
      const Query query = read_query(request, {"dyads"});
      scenario = teaching_scenario(query.controls, query.dyads());
    } catch (const ControlError& e) {
      answer_bad_request(response, e.what());
      return;
    }
    response.set_header("Cache-Control", "no-store");
    // Exactly "text/event-stream": httplib leaves that type uncompressed, so each event
    // reaches the page as soon as it is written.
    response.set_chunked_content_provider(
        "text/event-stream", [this, scenario = std::move(scenario)](std::size_t, httplib::DataSink& sink) {
          PopulationView view;
          const auto send = [&](const char* event, const StreamProgress& progress) {
            const std::string text = std::string("event: ")
                                         .append(event)
                                         .append("\ndata: ")
                                         .append(view.json(progress.done, progress.total))
                                         .append("\n\n");
            return sink.write(text.data(), text.size());
          };
          const StreamProgress last = stream_population(
              scenario, threads, stopping, [&](const DyadRecord& record) { view.add(record); },
              [&](const StreamProgress& progress) { return send("counts", progress); });
          if (last.done == last.total) send("done", last);
          sink.done();
          return true;
        });
  }
};

TeachingServer::TeachingServer(int threads) : impl_(std::make_unique<Impl>()) {
  impl_->threads = threads;
  impl_->routes();
}

TeachingServer::~TeachingServer() = default;

int TeachingServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  return bound;
}

void TeachingServer::listen() { impl_->http.listen_after_bind(); }

void TeachingServer::stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

}  // namespace attune::serve

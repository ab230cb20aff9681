// attune._engine: the C++ side of the Python package (sim/python/attune/). It loads
// scenarios and runs, sweeps and traces them with the functions `attune run` and `attune
// sweep` call, into the same files, so a result is byte for byte the command line's; the
// package reads those files with pandas. Dyads are simulated with the GIL released, on a
// thread of their own, while the calling thread draws the progress and watches for Ctrl-C
// (sim/python/polled_job.hpp). Arguments are checked by the package before they get here.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/output_error.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/python/polled_job.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/dyad_trace.hpp"
#include "sim/run/run_output_folder.hpp"
#include "sim/run/run_population.hpp"
#include "sim/run/trace_rows.hpp"
#include "sim/run/version.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/sweep/sweep_run.hpp"
#include "sim/sweep/sweep_sensitivity.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace py = pybind11;

namespace attune::python {
namespace {

/// How often the calling thread looks up from a running job: Ctrl-C is noticed this soon
/// (the job then stops within a block of dyads), and a progress bar moves this often.
constexpr std::chrono::milliseconds kWatchInterval{100};

/// Runs `job` (which watches `cancel`) with the GIL released. Every kWatchInterval the
/// GIL is taken back to run Python's signal handlers (Ctrl-C raises KeyboardInterrupt
/// there) and to call `progress(done, total)` unless it is None; an exception from either
/// cancels the job and, once it has stopped, is raised in its place.
void run_watched(const std::function<void(const std::atomic<bool>& cancel)>& job,
                 const std::atomic<std::uint64_t>& done, const std::atomic<std::uint64_t>& total,
                 const py::object& progress) {
  std::atomic<bool> cancel{false};
  std::optional<py::error_already_set> interruption;
  const auto keep_going = [&] {
    const py::gil_scoped_acquire gil;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(done.load(), total.load());
      return true;
    } catch (py::error_already_set& e) {
      interruption.emplace(std::move(e));
      return false;
    }
  };
  try {
    const py::gil_scoped_release released;
    run_polled([&] { job(cancel); }, keep_going, cancel, kWatchInterval);
  } catch (const RunCancelled&) {
    if (interruption) throw *interruption;
    throw;
  }
  // A job that finished before it saw the cancel is whole; the interruption is still raised.
  if (interruption) throw *interruption;
  if (!progress.is_none()) progress(done.load(), total.load());
}

/// The arm of `scenario` named `name`; none for a scenario without arms and no name.
/// Throws std::invalid_argument naming the arms when there is no such arm, or no name
/// for a scenario that has arms.
const Arm* find_arm(const Scenario& scenario, const std::optional<std::string>& name) {
  std::string names;
  for (const Arm& arm : scenario.arms) {
    if (name && arm.name == *name) return &arm;
    names += (names.empty() ? "" : ", ") + arm.name;
  }
  if (!name && scenario.arms.empty()) return nullptr;
  if (!name)
    throw std::invalid_argument(scenario.file + " compares arms (" + names +
                                "): name the one to trace with arm=");
  if (scenario.arms.empty()) throw std::invalid_argument(scenario.file + " has no arms; leave arm= out");
  throw std::invalid_argument("arm='" + *name + "' is not an arm of " + scenario.file + " (" + names + ")");
}

/// `scenario`'s dyads 0..dyads-1 run with `seed` into the folder `out`, which appears
/// whole (staged beside it, sim/io/staged_folder.hpp) or, when the run is cancelled or
/// fails, not at all: what `attune run` writes, arms and all.
void run_scenario(Scenario scenario, std::uint64_t dyads, std::uint64_t seed, int threads,
                  const std::string& out, bool compress, const std::string& command_line,
                  const py::object& progress) {
  scenario.dyads = dyads;
  scenario.seed = seed;
  std::atomic<std::uint64_t> done{0}, total{dyads * std::max<std::size_t>(1, scenario.arms.size())};
  run_watched(
      [&](const std::atomic<bool>& cancel) {
        RunOptions options;
        options.dyads = dyads;
        options.seed = seed;
        options.threads = effective_threads(threads);
        options.cancel = &cancel;
        // A notebook's bar moves, and Ctrl-C lands, after 32 dyads rather than 256; the
        // blocks then double up to the full size, and results do not depend on them.
        options.first_block = 32;
        // block_done counts from 0 again in each arm, so a count no larger than the last
        // starts the next arm.
        std::uint64_t arms_before = 0, in_arm = 0;
        options.block_done = [&](std::uint64_t handed) {
          if (handed <= in_arm) arms_before += in_arm;
          in_arm = handed;
          done.store(arms_before + in_arm);
        };
        const Provenance provenance{command_line, options.threads, seed, dyads, {}};  // no trace
        const Compression compression = compress ? Compression::gzip : Compression::none;
        StagedFolder folder(out, why_not_a_run_folder);
        const std::string staged = folder.path().string();
        try {
          if (scenario.arms.empty())
            run_population(scenario, options, staged, provenance, compression);
          else
            run_arms(scenario, options, staged, provenance, compression);
        } catch (const std::exception&) {
          // A cancelled arm hands on fewer dyads than the next, and comparing them fails;
          // whatever a cancelled run throws is the cancel, raised as KeyboardInterrupt.
          if (cancel.load()) throw RunCancelled();
          throw;
        }
        if (cancel.load()) throw RunCancelled();  // a stopped run's files are of no run
        folder.commit();
      },
      done, total, progress);
}

/// What attune.sweep asks of a sweep beside its file, as `attune sweep`'s options.
struct SweepCall {
  std::vector<std::string> overrides;  ///< "group.name=value", on the base of every cell
  std::uint64_t dyads = 0;             ///< per cell; 0: the file's
  int threads = 0;
  std::string out;
  bool resume = false, keep_dyads = false, compress = false;
  std::string command_line;
};

/// Runs the sweep file at `path` into call.out as `attune sweep` does; returns its cells and
/// how many failed.
std::pair<std::uint64_t, std::uint64_t> run_sweep_file(const std::string& path, const SweepCall& call,
                                                       const py::object& progress) {
  // As `attune sweep`: only the kept dyads.csv grow with the dyads; cells.csv stays plain.
  if (call.compress && !call.keep_dyads)
    throw std::invalid_argument("compress=True compresses the cells' dyads.csv, which only keep_dyads=True keeps; "
                                "give both (cells.csv stays plain)");
  const SweepPlan plan =
      plan_sweep_file(path, call.dyads, parse_overrides(call.overrides, "overrides"), parse_shard(""), call.out);
  warn_of_unbalanced_design(plan.spec);
  std::atomic<std::uint64_t> done{0}, total{plan.cells.size()};
  SweepRunResult result;
  run_watched(
      [&](const std::atomic<bool>& cancel) {
        SweepRunSettings settings;
        settings.resume = call.resume;
        settings.threads = call.threads;
        settings.keep_dyads = call.keep_dyads;
        settings.compression = call.compress ? Compression::gzip : Compression::none;
        settings.quiet = true;
        settings.command_line = call.command_line;
        settings.cancel = &cancel;
        settings.cells_done = [&](std::uint64_t finished, std::uint64_t of) {
          done.store(finished);
          total.store(of);
        };
        const Ranks ranks{Ranks::OneProcess{}};
        result = run_sweep(plan, settings, ranks);
        if (has_indices(plan.spec.design)) write_indices(plan.out);
        mark_complete(plan.out);
      },
      done, total, progress);
  return {result.total, result.failed};
}

/// Day `day` of dyad `dyad` second by second, as the text of traces.csv in `format` (the
/// command line's own writer, so the rows are its rows).
std::string trace_day(const Scenario& scenario, std::uint64_t seed, std::uint64_t dyad, int day,
                      const std::optional<std::string>& arm_name, bool long_rows) {
  const Arm* arm = find_arm(scenario, arm_name);
  const TraceFormat format = long_rows ? TraceFormat::long_rows : TraceFormat::wide;
  const py::gil_scoped_release released;
  DayTracer tracer(scenario, arm, seed);
  std::ostringstream rows;
  write_trace_header(rows, format);
  write_trace_rows(rows, format, dyad, day, scenario.bout_seconds, tracer.trace(dyad, day));
  return rows.str();
}

/// The type raised for ScenarioError: a ValueError whose `issues` lists each issue's
/// "file:line:column: key '...': message". Made once at import and never released: a
/// static py::object would be released after the interpreter has gone.
PyObject* scenario_error_type = nullptr;

void translate_errors(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const ScenarioError& e) {
    py::list issues;
    for (const auto& issue : e.issues) issues.append(issue.to_string());
    py::object instance = py::handle(scenario_error_type)(py::str("\n").attr("join")(issues));
    instance.attr("issues") = issues;
    PyErr_SetObject(scenario_error_type, instance.ptr());
  } catch (const OutputError& e) {
    PyErr_SetString(PyExc_OSError, e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    PyErr_SetString(PyExc_OSError, e.what());
  }
}

}  // namespace
}  // namespace attune::python

PYBIND11_MODULE(_engine, module) {
  using namespace attune;
  using namespace attune::python;
  module.doc() = "attune's engine (C++): load, run, sweep and trace; the package attune wraps it";

  scenario_error_type = PyErr_NewExceptionWithDoc(
      "attune.ScenarioError",
      "A scenario's issues, each as file:line:column: key: message (attribute issues)", PyExc_ValueError,
      nullptr);
  if (!scenario_error_type) throw py::error_already_set();
  module.attr("ScenarioError") = py::handle(scenario_error_type);
  py::register_exception_translator(translate_errors);

  module.attr("VERSION") = kVersion;
  module.attr("GIT_REVISION") = kGitRevision;
  module.attr("MAX_DYADS_PER_RUN") = kMaxDyadsPerRun;
  module.attr("THREADS_PER_HARDWARE_THREAD") = kThreadsPerHardwareThread;
  module.def("hardware_threads", &hardware_threads, "The machine's hardware threads");

  py::class_<Scenario>(module, "Scenario", "A loaded, checked scenario (attune.Scenario wraps it)")
      .def_readonly("file", &Scenario::file)
      .def_readonly("name", &Scenario::name)
      .def_readonly("description", &Scenario::description)
      .def_readonly("sha256", &Scenario::sha256)
      .def_readonly("seed", &Scenario::seed)
      .def_readonly("dyads", &Scenario::dyads)
      .def_readonly("span_days", &Scenario::span_days)
      .def_property_readonly("arms",
                             [](const Scenario& s) {
                               std::vector<std::string> names;
                               for (const Arm& arm : s.arms) names.push_back(arm.name);
                               return names;
                             })
      .def("resolved_yaml", &resolved_scenario_yaml,
           "Every setting in force, as scenario.resolved.yaml holds it");

  module.def(
      "load",
      [](const std::string& path, const std::vector<std::string>& overrides) {
        return load_scenario(path, parse_overrides(overrides, "overrides"));
      },
      py::arg("path"), py::arg("overrides"),
      "The scenario at path with each 'group.name=value' override applied");
  module.def("run", &run_scenario, py::arg("scenario"), py::arg("dyads"), py::arg("seed"), py::arg("threads"),
             py::arg("out"), py::arg("compress"), py::arg("command_line"), py::arg("progress"),
             "Runs the scenario into the folder out, as attune run does");
  module.def(
      "sweep",
      [](const std::string& path, const std::vector<std::string>& overrides, std::uint64_t dyads, int threads,
         const std::string& out, bool resume, bool keep_dyads, bool compress, const std::string& command_line,
         const py::object& progress) {
        return run_sweep_file(
            path, SweepCall{overrides, dyads, threads, out, resume, keep_dyads, compress, command_line},
            progress);
      },
      py::arg("path"), py::arg("overrides"), py::arg("dyads"), py::arg("threads"), py::arg("out"),
      py::arg("resume"), py::arg("keep_dyads"), py::arg("compress"), py::arg("command_line"),
      py::arg("progress"),
      "Runs the sweep file into the folder out, as attune sweep does; returns (cells, failed cells)");
  module.def("trace", &trace_day, py::arg("scenario"), py::arg("seed"), py::arg("dyad"), py::arg("day"),
             py::arg("arm"), py::arg("long_rows"), "One dyad's day, second by second, as traces.csv's text");
}

#pragma once
/// `attune bench`: throughput of the micro-model against the floor of its random
/// numbers and arithmetic (scalar and SIMD), its scaling over a list of thread counts, the
/// cost of drawing a dyad's parameters, the projected time of a large job, and peak memory.
/// Method and figures: docs/PERFORMANCE.md (regenerated from --json by scripts/performance_doc.py).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace attune {

/// The largest thread count `bench --threads` takes: the driver's cap
/// (kThreadsPerHardwareThread per hardware thread), but at least 16, so the issue's
/// scaling script (--threads 1,2,4,8,16) runs, oversubscribed and marked so, on any machine.
unsigned bench_max_threads();

/// Parses a --threads list ("8", "1,2,4,8,16"): counts in [1, bench_max_threads()],
/// comma-separated, no empty item. Returns the counts, or an empty list and sets `error`
/// (a message that quotes the bad item and states the range).
std::vector<int> parse_thread_list(const std::string& text, std::string& error);

struct BenchOptions {
  std::uint64_t dyads = 256;  ///< dyads per measurement
  int days = 60;              ///< span of each benchmark dyad
  std::vector<int> threads;   ///< worker counts of the scaling measurement; empty: 1 and all cores
  std::string json;           ///< also write the figures here as JSON (atomically); empty: no file
  std::string command;        ///< the command line, recorded in the JSON
};

/// One thread count of the scaling measurement (wall time: meaningful only when that many
/// cores are idle).
struct ThreadRow {
  int threads = 0;
  double wall_rate = 0.0;    ///< model dyad-seconds per wall second
  double speedup = 0.0;      ///< wall_rate / the 1-thread wall_rate
  double efficiency = 0.0;   ///< speedup / threads
  bool oversubscribed = false;  ///< more threads than the machine's cores: not a scaling figure
};

/// Instructions per dyad-second (user space, the measuring thread), or nothing where the
/// machine exposes no hardware counter.
struct InstructionFigures {
  std::optional<double> scalar_floor, simd_floor, model;
  std::string note;  ///< why they are missing; empty when counted
};

/// The projected time of a large job from this run's figures.
struct Projection {
  double dyads = 1e6;
  int days = 365;
  int cores = 16;
  double efficiency = 0.0;          ///< parallel efficiency assumed at `cores`
  int efficiency_threads = 0;       ///< the thread count it was measured at
  bool efficiency_measured_at_cores = false;  ///< measured at `cores` without oversubscription
  double seconds = 0.0;             ///< wall seconds of the whole job
  double seconds_full_efficiency = 0.0;  ///< the same at efficiency 1: the least it could take
  std::string basis;                ///< in words: where the efficiency comes from
};

/// The figures of one bench run; every ratio comes from measurements of this run.
struct BenchFigures {
  std::uint64_t dyads = 0;
  int days = 0;
  double dyad_seconds = 0.0;       ///< simulated per measurement
  int cores = 0;                   ///< hardware threads of this machine
  std::string simd_target;         ///< the instruction set the SIMD floor ran (Highway's name)
  int simd_lanes = 0;              ///< dyads per vector there
  // One core, from CPU time (which time slices given to other processes do not inflate):
  double floor_ns = 0.0;           ///< scalar floor, ns per dyad-second
  double simd_floor_ns = 0.0;      ///< SIMD floor, ns per dyad-second
  double model_ns = 0.0;           ///< model, ns per dyad-second
  double model_over_floor = 0.0;   ///< model_ns / floor_ns
  double model_over_simd_floor = 0.0;  ///< model_ns / simd_floor_ns (the issue's goal: at most 1.5)
  double rate_one = 0.0;           ///< model, dyad-seconds per CPU second: 1e9 / model_ns
  InstructionFigures instructions;
  // Parameter draws (PopulationSampler on the compiled-in normative scenario), CPU time:
  std::uint64_t draw_dyads = 0;
  double draw_us = 0.0;            ///< µs per dyad
  double draw_share = 0.0;         ///< of a 12-month dyad: draw / (draw + 365 x bouts x seconds x model_ns)
  std::vector<ThreadRow> scaling;  ///< one row per thread count, 1 first
  Projection projection;
  double peak_rss_mib = 0.0;       ///< peak resident memory of the process
};

/// Measures; each timing is the best of a few repeats (other load only ever slows a repeat).
BenchFigures run_bench(const BenchOptions& options);

/// The human-readable table.
void print_bench(const BenchFigures& figures, std::ostream& out);

/// The machine-readable form (one JSON object, with the build's revision, the CPU and the
/// command line).
std::string bench_json(const BenchFigures& figures, const std::string& command);

}  // namespace attune

#pragma once
/// How a run keeps every core busy and still hands records on in dyad order: groups of up
/// to kMaxLanes consecutive dyads flow through a TBB pipeline (a serial schedule, parallel
/// simulation, a serial in-order hand-over), so later groups are simulated while earlier
/// records are consumed and no worker waits for a block to finish.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "models/dyad_record.hpp"
#include "sim/run/driver.hpp"

namespace attune {

/// Simulates the consecutive dyads first_id, first_id+1, ... into `records` (one each, at
/// most kMaxLanes); called concurrently for different groups.
using GroupSimulation = std::function<void(std::uint64_t first_id, std::span<DyadRecord> records)>;

/// Groups in the pipeline at once per worker thread. The hand-over takes groups in order,
/// so a worker that finishes early starts on a later group only while one is free: one
/// spare group per thread lets the others run on past a slow or preempted group (replayed
/// on 16 threads with per-dyad times measured for issue 17, 2 per thread keep 99 % of the
/// cores busy, as 8 do; 1 keeps 95 %), and bounds the records held to 2 * kMaxLanes = 16
/// per thread of ~47 KiB: 0.75 MiB a thread, at 16 threads the 256 a block used to hold.
inline constexpr std::size_t kGroupsInFlightPerThread = 2;

/// Simulates dyads 0..options.dyads-1 in groups with `simulate` on options.threads threads
/// and hands every record to `consume` in dyad-id order, one call at a time (on whichever
/// of the run's threads holds the hand-over; never two at once). Blocks follow
/// RunOptions: block_done after each block's last record, and a cancel seen at a block's
/// end or before a block starts ends the run there. Returns the dyads handed on. An
/// exception from `simulate` or `consume` stops the run and is rethrown here.
std::uint64_t hand_on_dyads(const RunOptions& options, const GroupSimulation& simulate,
                            const std::function<void(const DyadRecord&)>& consume);

}  // namespace attune

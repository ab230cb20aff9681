#pragma once
// Pseudo-random engine and per-dyad stream derivation.
//
// The engine is xoshiro256++ 1.0 (D. Blackman & S. Vigna, "Scrambled linear
// pseudorandom number generators", ACM TOMS 47(4), 2021; reference code at
// https://prng.di.unimi.it/xoshiro256plusplus.c): 256 bits of state, period
// 2^256 - 1, all 64 output bits of good quality (unlike xoshiro256+), and
// about 1 ns per output. It is seeded through SplitMix64 (G. Steele, D. Lea &
// C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
// https://prng.di.unimi.it/splitmix64.c), as Vigna recommends, so that any
// 64-bit seed yields a well-mixed, never all-zero state.

#include <array>
#include <cstdint>
#include <limits>

namespace attune {

/// One SplitMix64 step: advances `state` by the golden-ratio increment and returns its mixed value.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// xoshiro256++ 1.0 engine (Blackman & Vigna); satisfies std::uniform_random_bit_generator.
class Xoshiro256pp {
public:
    using result_type = std::uint64_t;

    /// Starts from an explicit state; it must not be all zero (the one fixed point).
    constexpr explicit Xoshiro256pp(const std::array<std::uint64_t, 4>& state) noexcept : s_(state) {}

    /// Fills the state with four successive SplitMix64 outputs from `seed` (Vigna's recommended seeding).
    constexpr explicit Xoshiro256pp(std::uint64_t seed) noexcept : s_{} {
        for (auto& word : s_) word = splitmix64(seed);
    }

    /// Smallest value operator() returns.
    static constexpr result_type min() noexcept { return 0; }
    /// Largest value operator() returns.
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    /// Next 64-bit output; exactly next() of the reference xoshiro256plusplus.c.
    constexpr result_type operator()() noexcept {
        const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Current 256-bit state (for checkpoints and tests).
    constexpr const std::array<std::uint64_t, 4>& state() const noexcept { return s_; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
        return (x << k) | (x >> (64 - k));
    }

    std::array<std::uint64_t, 4> s_;
};

/// The project's engine.
using Rng = Xoshiro256pp;

/// What a stream is used for; each purpose of each dyad gets its own stream.
/// The numbers are part of the reproducibility contract: never renumber them.
enum class StreamPurpose : std::uint64_t {
    population = 1,
    life = 2,
    strange_situation = 3,
    still_face = 4,
    trace = 5,
    intervention = 6,       ///< who takes up an arm's interventions
    family = 7,             ///< bout assignment among caregivers; the other caregivers' days
    family_population = 8,  ///< the other caregivers' drawn traits
    stressors = 9,          ///< life events: onsets and lengths of depression, violence, illness, substance misuse; negative life events
    caregiver_days = 10,    ///< the population caregiver's day-to-day availability
    sensitivity_observation = 11,  ///< the observations of caregiver sensitivity
};

/// Independent generator for one (seed, dyad id, purpose).
//
// Why: a dyad's life must be a pure function of (scenario, seed, dyad id), so
// results do not depend on the thread count or on which worker runs which
// dyad, and a single dyad can be re-run alone. So no generator is shared or
// handed from dyad to dyad; each one is derived from the three keys. The keys
// are chained through SplitMix64, whose output function is a bijective
// avalanching mixer (every input bit flips each output bit with probability
// about 1/2), so consecutive ids or purposes give unrelated 64-bit keys; the
// key then seeds the four state words as Xoshiro256pp(seed) does. Two
// distinct key triples collide with probability about 2^-64, and the
// resulting streams, being far apart in a cycle of length 2^256 - 1, do not
// overlap in any run of practical length.
constexpr Xoshiro256pp make_stream(std::uint64_t seed, std::uint64_t dyad_id,
                                   StreamPurpose purpose) noexcept {
    // SplitMix64 used as a pure hash step: the output for a given input.
    const auto mix = [](std::uint64_t x) noexcept { return splitmix64(x); };
    std::uint64_t key = mix(seed) ^ dyad_id;
    key = mix(key) ^ static_cast<std::uint64_t>(purpose);
    key = mix(key);  // one more mix so the small purpose values avalanche too
    return Xoshiro256pp(key);
}

}  // namespace attune

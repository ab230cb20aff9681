#pragma once
// The project's own conversions from 64-bit engine outputs to real variates.
//
// Why not std::*_distribution: their algorithms are unspecified, so the same
// seed gives different numbers under libstdc++, libc++ and MSVC, which breaks
// the reproducibility contract; they are also slower (libstdc++'s
// normal_distribution uses the polar method, with a log, a sqrt and
// rejections). Everything here is a fixed, documented algorithm: no
// allocation, no locks, no I/O.

#include <bit>
#include <cstddef>
#include <cstdint>

#include "sim/random/rng.hpp"

namespace attune {

namespace detail {

/// The 53 high bits of `bits` as a double in [0, 1), spacing 2^-53 (Vigna, prng.di.unimi.it).
constexpr double bits_to_unit(std::uint64_t bits) noexcept {
    // Through int64: bits >> 11 < 2^53 converts exactly, and a signed
    // conversion is one instruction on x86-64 where an unsigned one is not.
    return static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * 0x1.0p-53;
}

/// The 52 high bits of `bits` as the midpoint double in (0, 1): 2^-53 .. 1 - 2^-53.
constexpr double bits_to_open_unit(std::uint64_t bits) noexcept {
    return (static_cast<double>(static_cast<std::int64_t>(bits >> 12)) + 0.5) * 0x1.0p-52;
}

/// `x` with its sign flipped when bit 8 of `bits` is set; branch-free, since that bit is a coin toss.
constexpr double apply_sign_bit8(double x, std::uint64_t bits) noexcept {
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ ((bits & 0x100) << 55));
}

/// Number of layers of both ziggurats (Marsaglia & Tsang 2000 use 128 or 256).
inline constexpr std::size_t kZigguratLayers = 256;

/// Ziggurat tables (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000): layer 0 is the base strip with
/// the tail, layer 1 the cap; x_i is the right edge of layer i, x_255 = r.
struct ZigguratTable {
    std::uint64_t k[kZigguratLayers];  ///< accept at once if position < k[i]: k[i] = scale * x_{i-1} / x_i
    double w[kZigguratLayers];         ///< position-to-x factor: w[i] = x_i / scale
    double f[kZigguratLayers];         ///< density at the edge: f[i] = f(x_i), f[0] = f(0) = 1
};

/// Normal ziggurat, unnormalised density exp(-x^2/2), scale 2^52; constant-initialised in random_variates.cpp.
extern const ZigguratTable kNormalZiggurat;
/// Exponential ziggurat, density exp(-x), scale 2^53; constant-initialised in random_variates.cpp.
extern const ZigguratTable kExponentialZiggurat;

/// Rare path of standard_normal (wedges and tail, ~1.5% of calls), starting from the draw `bits`.
double standard_normal_slow(Rng& rng, std::uint64_t bits) noexcept;
/// Rare path of standard_exponential (wedges and tail, ~2.2% of calls), starting from the draw `bits`.
double standard_exponential_slow(Rng& rng, std::uint64_t bits) noexcept;

}  // namespace detail

/// Uniform double in [0, 1) from one engine output: (x >> 11) * 2^-53.
inline double uniform01(Rng& rng) noexcept { return detail::bits_to_unit(rng()); }

/// Uniform double in (0, 1), never 0 nor 1 (safe for log): ((x >> 12) + 0.5) * 2^-52.
inline double uniform_open01(Rng& rng) noexcept { return detail::bits_to_open_unit(rng()); }

/// Standard normal N(0, 1) by a 256-layer ziggurat (Marsaglia & Tsang 2000), one engine output per call on the fast path.
//
// Bit use of the 64-bit output (after J. A. Doornik 2005, "An improved
// ziggurat method to generate normal random samples", who showed that taking
// the layer and the position from overlapping bits of one 32-bit integer, as
// the original code does, makes the output fail tests): bits 0-7 pick the
// layer, bit 8 the sign, bits 12-63 the position (52 bits); bits 9-11 are
// unused. The acceptance test compares integers, as in the original.
inline double standard_normal(Rng& rng) noexcept {
    const std::uint64_t bits = rng();
    const std::size_t i = bits & 0xff;
    const std::uint64_t pos = bits >> 12;
    const double x = static_cast<double>(static_cast<std::int64_t>(pos)) * detail::kNormalZiggurat.w[i];
    if (pos < detail::kNormalZiggurat.k[i]) [[likely]] {
        return detail::apply_sign_bit8(x, bits);
    }
    // On a copy: handing the caller's engine to an out-of-line function would let its
    // state escape, and keep it in memory on every fast call too.
    Rng escaped = rng;
    const double z = detail::standard_normal_slow(escaped, bits);
    rng = escaped;
    return z;
}

/// Standard exponential Exp(1) by a 256-layer ziggurat (Marsaglia & Tsang 2000), not by inversion: no log on the fast path.
//
// Bits 0-7 pick the layer, bits 11-63 the position (53 bits).
inline double standard_exponential(Rng& rng) noexcept {
    const std::uint64_t bits = rng();
    const std::size_t i = bits & 0xff;
    const std::uint64_t pos = bits >> 11;
    if (pos < detail::kExponentialZiggurat.k[i]) [[likely]] {
        return static_cast<double>(static_cast<std::int64_t>(pos)) * detail::kExponentialZiggurat.w[i];
    }
    return detail::standard_exponential_slow(rng, bits);
}

}  // namespace attune

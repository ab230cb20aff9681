// Ziggurat tables and the rare paths of the normal and exponential samplers.
//
// Method: G. Marsaglia & W. W. Tsang, "The ziggurat method for generating
// random variables", J. Stat. Softw. 5(8), 2000. The area under the density is
// covered by n = 256 layers of equal area v: layer 0 is the base strip
// [0, r] x [0, f(r)] together with the tail x > r; layer i >= 1 is the
// rectangle [0, x_i] x [f(x_i), f(x_{i-1})] (f(x_0) := f(0) for the cap,
// layer 1), with the edges from the recurrence f(x_{i-1}) = f(x_i) + v / x_i
// and x_255 = r. A draw picks a layer and a uniform position in it; inside
// the inner rectangle [0, x_{i-1}] it is accepted at once, otherwise it falls
// in a wedge (tested against f) or, for layer 0, in the tail.
//
// The tables are computed at compile time (constinit) from that closed-form
// recurrence with constexpr exp/log/sqrt written below, so they are the same
// on every build and run, cost nothing at start-up, and have no
// initialisation-order hazard. Those functions are within ~2.5 ulp; the
// inward recurrence amplifies rounding, so the edges near the cap are within
// ~2e-13 relative of the exact ones (checked against 50-digit arithmetic; a
// libm-based computation gets 5e-14). That moves the density by ~1e-13, far
// below any statistical resolution; a static_assert checks that the cap layer
// closes to the constant v.

#include "sim/random/random_variates.hpp"

#include <bit>
#include <cmath>

namespace attune {
namespace {

// --- constexpr elementary functions (only for the tables) -----------------

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // fdlibm split of ln 2: k * kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;

/// 2^e for a normal-range exponent, built from its bit pattern.
constexpr double pow2(int e) noexcept {
    return std::bit_cast<double>(static_cast<std::uint64_t>(1023 + e) << 52);
}

/// exp(x) for |x| < 700: x = k ln2 + t, |t| <= ln2 / 2, Taylor series of e^t to 1e-27.
constexpr double cexp(double x) noexcept {
    const double kf = x * 1.4426950408889634;  // x / ln 2
    const int k = static_cast<int>(kf < 0 ? kf - 0.5 : kf + 0.5);
    const double t = (x - k * kLn2Hi) - k * kLn2Lo;
    double p = 1.0;
    for (int n = 22; n >= 1; --n) p = 1.0 + t * p / n;
    return p * pow2(k);
}

/// log(x) for normal x > 0: x = m 2^e, m in [sqrt(1/2), sqrt(2)), log m = 2 atanh((m-1)/(m+1)).
constexpr double clog(double x) noexcept {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    int e = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | (1023ULL << 52));
    if (m > 1.4142135623730951) {
        m *= 0.5;
        ++e;
    }
    const double s = (m - 1.0) / (m + 1.0);  // |s| <= 0.1716, so 16 odd terms reach 1e-25
    const double s2 = s * s;
    double series = 0.0;
    for (int j = 15; j >= 0; --j) series = 1.0 / (2 * j + 1) + s2 * series;
    return e * kLn2Hi + (e * kLn2Lo + 2.0 * s * series);
}

/// sqrt(x) for normal x > 0: Newton's iteration from a bit-level first guess.
constexpr double csqrt(double x) noexcept {
    double y = std::bit_cast<double>((std::bit_cast<std::uint64_t>(x) >> 1) + (1023ULL << 51));
    for (int n = 0; n < 10; ++n) y = 0.5 * (y + x / y);
    return y;
}

// --- table construction ----------------------------------------------------

// Normal: f(x) = exp(-x^2/2). r from Marsaglia & Tsang (2000) for n = 256
// (3.6541528853610088); v = r f(r) + sqrt(pi/2) erfc(r / sqrt 2), evaluated
// for that r in 50-digit arithmetic (mpmath) and rounded (the paper's
// 0.00492867323399 is that value to 12 digits).
constexpr double kNormalR = 3.6541528853610088;
constexpr double kNormalV = 4.9286732339746545e-3;

// Exponential: f(x) = exp(-x). r from Marsaglia & Tsang (2000) for n = 256;
// v = (r + 1) exp(-r) exactly, in 50-digit arithmetic and rounded.
constexpr double kExpR = 7.69711747013104972;
constexpr double kExpV = 3.949659822581557e-3;

constexpr double normal_f(double x) noexcept { return cexp(-0.5 * x * x); }
constexpr double normal_f_inv(double y) noexcept { return csqrt(-2.0 * clog(y)); }
constexpr double exp_f(double x) noexcept { return cexp(-x); }
constexpr double exp_f_inv(double y) noexcept { return -clog(y); }

/// Tables for n layers of area v over density f (with inverse f_inv), base edge r, positions scaled by `scale`.
template <typename F, typename FInv>
constexpr detail::ZigguratTable make_table(F f, FInv f_inv, double r, double v, double scale) noexcept {
    constexpr std::size_t n = detail::kZigguratLayers;
    double x[n] = {};
    x[n - 1] = r;
    for (std::size_t i = n - 1; i >= 2; --i) x[i - 1] = f_inv(f(x[i]) + v / x[i]);
    const double q = v / f(r);  // width of a rectangle of area v and height f(r): the base layer's span

    detail::ZigguratTable t{};
    t.k[0] = static_cast<std::uint64_t>(r / q * scale);
    t.w[0] = q / scale;
    t.f[0] = 1.0;  // f(0): the cap's upper edge
    t.k[1] = 0;    // the cap has no inner rectangle: always test the wedge
    for (std::size_t i = 1; i < n; ++i) {
        if (i >= 2) t.k[i] = static_cast<std::uint64_t>(x[i - 1] / x[i] * scale);
        t.w[i] = x[i] / scale;
        t.f[i] = f(x[i]);
    }
    return t;
}

/// Relative error of the cap layer's area against v: small only if r, v and the recurrence agree.
constexpr double cap_area_error(const detail::ZigguratTable& t, double v, double scale) noexcept {
    const double err = (t.w[1] * scale * (1.0 - t.f[1]) - v) / v;
    return err < 0 ? -err : err;
}

constexpr detail::ZigguratTable kNormalTable =
    make_table(normal_f, normal_f_inv, kNormalR, kNormalV, 0x1.0p52);
constexpr detail::ZigguratTable kExpTable = make_table(exp_f, exp_f_inv, kExpR, kExpV, 0x1.0p53);
static_assert(cap_area_error(kNormalTable, kNormalV, 0x1.0p52) < 1e-12);
static_assert(cap_area_error(kExpTable, kExpV, 0x1.0p53) < 1e-12);

}  // namespace

namespace detail {

constinit const ZigguratTable kNormalZiggurat = kNormalTable;
constinit const ZigguratTable kExponentialZiggurat = kExpTable;

double standard_normal_slow(Rng& rng, std::uint64_t bits) noexcept {
    const ZigguratTable& z = kNormalZiggurat;
    for (;;) {
        const std::size_t i = bits & 0xff;
        const std::uint64_t pos = bits >> 12;
        const double x = static_cast<double>(static_cast<std::int64_t>(pos)) * z.w[i];
        if (pos < z.k[i]) return apply_sign_bit8(x, bits);  // same test as the fast path (on redraws)
        if (i == 0) {
            // Tail x > r, Marsaglia's exact method (Marsaglia 1964; Marsaglia & Tsang
            // 2000, sec. 4): with e1, e2 ~ Exp(1), accept r + e1/r when 2 e2 > (e1/r)^2.
            double t = 0.0;
            double e2 = 0.0;
            do {
                t = -std::log(uniform_open01(rng)) / kNormalR;
                e2 = -std::log(uniform_open01(rng));
            } while (e2 + e2 <= t * t);
            return apply_sign_bit8(kNormalR + t, bits);
        }
        // Wedge of layer i: x in [x_{i-1}, x_i); y uniform over the layer's height.
        const double y = z.f[i] + uniform01(rng) * (z.f[i - 1] - z.f[i]);
        if (y < std::exp(-0.5 * x * x)) return apply_sign_bit8(x, bits);
        bits = rng();
    }
}

double standard_exponential_slow(Rng& rng, std::uint64_t bits) noexcept {
    const ZigguratTable& z = kExponentialZiggurat;
    for (;;) {
        const std::size_t i = bits & 0xff;
        const std::uint64_t pos = bits >> 11;
        const double x = static_cast<double>(static_cast<std::int64_t>(pos)) * z.w[i];
        if (pos < z.k[i]) return x;
        // Tail x > r: by memorylessness it is r + Exp(1); inversion there (Marsaglia & Tsang 2000).
        if (i == 0) return kExpR - std::log(uniform_open01(rng));
        const double y = z.f[i] + uniform01(rng) * (z.f[i - 1] - z.f[i]);
        if (y < std::exp(-x)) return x;
        bits = rng();
    }
}

}  // namespace detail
}  // namespace attune

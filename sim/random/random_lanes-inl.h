// The random streams of several dyads at once, one dyad per SIMD lane (Google Highway).
//
// Each lane holds one dyad's own xoshiro256++ state and yields exactly the numbers that
// dyad's scalar Rng (sim/random/rng.hpp) would: the same engine, uniform01 and ziggurat
// normal (sim/random/random_variates.hpp), bit for bit. Lanes never mix: a lane's numbers
// do not depend on which other dyads share the vector, so grouping changes no result.
//
// A Highway per-target header: included by *_simd.cpp files once per instruction set
// (hwy/foreach_target.h), hence the toggled guard instead of #pragma once.
#include <cstddef>
#include <cstdint>

#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

#if defined(ATTUNE_SIM_RANDOM_RANDOM_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ATTUNE_SIM_RANDOM_RANDOM_LANES_INL_H_
#undef ATTUNE_SIM_RANDOM_RANDOM_LANES_INL_H_
#else
#define ATTUNE_SIM_RANDOM_RANDOM_LANES_INL_H_
#endif

#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace attune {
namespace HWY_NAMESPACE {

namespace hn = hwy::HWY_NAMESPACE;

/// Lanes of doubles per vector at most on any target (AVX-512: 8).
inline constexpr std::size_t kMaxStreamLanes = 8;

/// The xoshiro256++ states of one vector's dyads: word w of lane l is lane l of `word[w]`.
//
// Held in a struct of vectors, which x86 and Arm NEON targets allow (Arm's sizeless SVE
// vectors would not; attune's dispatch list is x86's).
template <class DU>
struct StreamLanes {
  hn::Vec<DU> word[4];
};

/// Loads the engines `streams[0..count)` into lanes; lanes past `count` copy lane 0's (their
/// numbers are drawn and thrown away, so a part-filled vector needs no other case).
template <class DU>
HWY_INLINE StreamLanes<DU> load_streams(DU du, const Rng* const* streams, std::size_t count) {
  HWY_ALIGN std::uint64_t words[4][kMaxStreamLanes];
  const std::size_t lanes = hn::Lanes(du);
  for (std::size_t l = 0; l < lanes; ++l) {
    const auto& state = streams[l < count ? l : 0]->state();
    for (int w = 0; w < 4; ++w) words[w][l] = state[w];
  }
  StreamLanes<DU> s;
  for (int w = 0; w < 4; ++w) s.word[w] = hn::Load(du, words[w]);
  return s;
}

/// Writes lanes 0..count-1 back into their engines.
template <class DU>
HWY_INLINE void store_streams(DU du, const StreamLanes<DU>& s, Rng* const* streams, std::size_t count) {
  HWY_ALIGN std::uint64_t words[4][kMaxStreamLanes] = {};  // stored below; GCC cannot see it through Store
  for (int w = 0; w < 4; ++w) hn::Store(s.word[w], du, words[w]);
  for (std::size_t l = 0; l < count; ++l)
    *streams[l] = Rng({words[0][l], words[1][l], words[2][l], words[3][l]});
}

/// One xoshiro256++ output per lane: Xoshiro256pp::operator() in every lane.
template <class DU>
HWY_INLINE hn::Vec<DU> next_bits(DU /*du*/, StreamLanes<DU>& s) {
  auto& [s0, s1, s2, s3] = s.word;
  const auto result = hn::Add(hn::RotateRight<64 - 23>(hn::Add(s0, s3)), s0);
  const auto t = hn::ShiftLeft<17>(s1);
  s2 = hn::Xor(s2, s0);
  s3 = hn::Xor(s3, s1);
  s1 = hn::Xor(s1, s2);
  s0 = hn::Xor(s0, s3);
  s2 = hn::Xor(s2, t);
  s3 = hn::RotateRight<64 - 45>(s3);
  return result;
}

/// detail::bits_to_unit in every lane: (bits >> 11) * 2^-53, through int64 as there (exact).
template <class DF, class DU = hn::RebindToUnsigned<DF>>
HWY_INLINE hn::Vec<DF> bits_to_unit(DF df, hn::Vec<DU> bits) {
  const hn::RebindToSigned<DF> di;
  return hn::Mul(hn::ConvertTo(df, hn::BitCast(di, hn::ShiftRight<11>(bits))), hn::Set(df, 0x1.0p-53));
}

/// uniform01 in every lane.
template <class DF, class DU = hn::RebindToUnsigned<DF>>
HWY_INLINE hn::Vec<DF> uniform01(DF df, StreamLanes<DU>& s) {
  return bits_to_unit(df, next_bits(DU(), s));
}

/// standard_normal in every lane: the ziggurat's fast path across lanes; a lane that falls
/// outside its layer's inner rectangle (about 1.5 % of draws) takes the scalar slow path on
/// its own engine, as standard_normal does, so every lane gets standard_normal's number.
template <class DF, class DU = hn::RebindToUnsigned<DF>>
HWY_INLINE hn::Vec<DF> standard_normal(DF df, StreamLanes<DU>& s) {
  const DU du;
  const hn::RebindToSigned<DF> di;
  const auto bits = next_bits(du, s);
  const auto layer = hn::BitCast(di, hn::And(bits, hn::Set(du, 0xff)));
  const auto position = hn::BitCast(di, hn::ShiftRight<12>(bits));  // < 2^52: signed compares are exact
  const auto& table = detail::kNormalZiggurat;
  const auto x = hn::Mul(hn::ConvertTo(df, position), hn::GatherIndex(df, table.w, layer));
  const auto inner = hn::BitCast(di, hn::GatherIndex(du, table.k, layer));
  // apply_sign_bit8: bit 8 of the draw moved to the sign bit.
  const auto sign = hn::ShiftLeft<55>(hn::And(bits, hn::Set(du, 0x100)));
  auto z = hn::BitCast(df, hn::Xor(hn::BitCast(du, x), sign));
  const auto slow = hn::Not(hn::Lt(position, inner));
  if (HWY_UNLIKELY(!hn::AllFalse(di, slow))) {
    HWY_ALIGN std::uint64_t words[4][kMaxStreamLanes];
    HWY_ALIGN std::uint64_t drawn[kMaxStreamLanes];
    HWY_ALIGN double values[kMaxStreamLanes];
    HWY_ALIGN std::int64_t is_slow[kMaxStreamLanes];
    for (int w = 0; w < 4; ++w) hn::Store(s.word[w], du, words[w]);
    hn::Store(bits, du, drawn);
    hn::Store(z, df, values);
    hn::Store(hn::VecFromMask(di, slow), di, is_slow);
    for (std::size_t l = 0; l < hn::Lanes(df); ++l) {
      if (!is_slow[l]) continue;
      Rng engine({words[0][l], words[1][l], words[2][l], words[3][l]});
      values[l] = detail::standard_normal_slow(engine, drawn[l]);
      for (int w = 0; w < 4; ++w) words[w][l] = engine.state()[w];
    }
    for (int w = 0; w < 4; ++w) s.word[w] = hn::Load(du, words[w]);
    z = hn::Load(df, values);
  }
  return z;
}

}  // namespace HWY_NAMESPACE
}  // namespace attune
HWY_AFTER_NAMESPACE();

#endif  // ATTUNE_SIM_RANDOM_RANDOM_LANES_INL_H_

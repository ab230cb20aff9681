// The coding module sees only behaviour traces built by hand here; it must score
// them on the scales and classify them as a coder following the documented rules.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <utility>

#include "models/assessments/ssp_coding.hpp"

using namespace attune;
using B = ReunionBehaviour;

namespace {

/// A 180-s trace from (behaviour, seconds) runs; the rest is play.
ReunionTrace trace(std::initializer_list<std::pair<B, int>> runs, int crying = 0) {
  ReunionTrace t;
  for (auto [behaviour, seconds] : runs)
    for (int i = 0; i < seconds; ++i) t.record(behaviour, t.seconds < crying);
  while (t.seconds < kSspEpisodeSeconds) t.record(B::play, false);
  return t;
}

}  // namespace

TEST_CASE("models/ssp_coding: a secure reunion — prompt approach, contact, back to play") {
  auto r = trace({{B::approach, 10}, {B::contact, 60}}, 20);
  auto scores = code_reunion(r);
  CHECK(scores.proximity_seeking == 4);     // 10 s of prompt approach of the 20-s anchor
  CHECK(scores.contact_maintaining == 5);   // 60 s of the 90-s anchor: 1 + round(6 * 2/3)
  CHECK(scores.resistance == 1);
  CHECK(scores.avoidance == 1);
  CHECK(scores.crying_seconds == 20);
  auto coding = code_strange_situation(r, r);
  CHECK(coding.classification == AttachmentClass::B);
  CHECK(coding.disorganization == 1);
}

TEST_CASE("models/ssp_coding: late approach counts for less proximity seeking") {
  auto prompt = code_reunion(trace({{B::approach, 20}}));
  auto late = code_reunion(trace({{B::play, 90}, {B::approach, 20}}));
  CHECK(prompt.proximity_seeking == 7);
  CHECK(late.proximity_seeking == 4);  // weight 0.5 after a minute: 10 of 20 -> 1 + 3
}

TEST_CASE("models/ssp_coding: persistent ignoring is avoidant (A)") {
  auto r1 = trace({{B::avoid, 20}});
  auto r2 = trace({{B::avoid, 35}, {B::approach, 2}});
  CHECK(code_reunion(r2).avoidance == 6);  // 1 + round(6 * 35/40)
  auto coding = code_strange_situation(r1, r2);
  CHECK(coding.classification == AttachmentClass::A);
  CHECK(coding.secondary == AttachmentClass::A);
}

TEST_CASE("models/ssp_coding: contact mixed with angry resistance is resistant (C)") {
  auto r = trace({{B::approach, 5}, {B::contact, 30}, {B::resist, 15}, {B::contact, 60}});
  auto scores = code_reunion(r);
  CHECK(scores.resistance == 6);  // 1 + round(6 * 15/20)
  CHECK(code_strange_situation(r, r).classification == AttachmentClass::C);
}

TEST_CASE("models/ssp_coding: resistance below the mark stays secure") {
  auto r = trace({{B::approach, 10}, {B::contact, 60}, {B::resist, 6}});
  CHECK(code_reunion(r).resistance == 3);
  CHECK(code_strange_situation(r, r).classification == AttachmentClass::B);
}

TEST_CASE("models/ssp_coding: conflict behaviour gives D with a forced secondary class") {
  auto r1 = trace({{B::conflict, 6}, {B::avoid, 30}});
  auto r2 = trace({{B::conflict, 6}, {B::avoid, 30}});
  auto coding = code_strange_situation(r1, r2);
  CHECK(coding.disorganization == 6);  // 12 s of the 20-s anchor on 1..9: 1 + round(8 * 0.6)
  CHECK(coding.classification == AttachmentClass::D);
  CHECK(coding.secondary == AttachmentClass::A);
}

TEST_CASE("models/ssp_coding: disorganization just under 5 is not D") {
  auto r1 = trace({{B::conflict, 4}, {B::approach, 10}, {B::contact, 40}});
  auto r2 = trace({{B::conflict, 5}, {B::approach, 10}, {B::contact, 40}});
  auto coding = code_strange_situation(r1, r2);
  CHECK(coding.disorganization == 5);  // 9 s: 1 + round(8 * 0.45) = 5
  CHECK(coding.classification == AttachmentClass::D);
  auto r3 = trace({{B::conflict, 3}, {B::approach, 10}, {B::contact, 40}});
  auto below = code_strange_situation(r1, r3);
  CHECK(below.disorganization == 4);  // 7 s: 1 + round(8 * 0.35) = 4
  CHECK(below.classification == AttachmentClass::B);
}

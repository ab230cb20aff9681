// The run's check of how much the drawn traits decide the class: kappa near 1 when a trait
// restates the class, near 0 when the class is independent of every trait.
#include "analysis/run/traits_classifier.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using attune::analysis::TraitsClassifier;

TEST_CASE("analysis/run: a class restated from a drawn trait gives the traits' classifier a kappa near 1") {
  TraitsClassifier classifier({"rejection", "detection"}, 4);
  std::mt19937_64 engine(3);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    const double rejection = uniform(engine), detection = uniform(engine);
    // Four bins of one trait, as a hand-set mixture component would decide a class.
    classifier.add(static_cast<int>(rejection * 4), {rejection, detection});
  }
  const auto json = classifier.to_json();
  CHECK(json["n_fitted"] == 1000);
  CHECK(json["n_scored"] == 1000);
  REQUIRE(json["kappa"].is_number());
  CHECK(json["kappa"].get<double>() > 0.95);
}

TEST_CASE("analysis/run: a class independent of the drawn traits gives the traits' classifier a kappa near 0") {
  // kappa's SE at no agreement with 4 equal margins is sqrt(p_e / (n (1 - p_e))) = sqrt(1 / (3 n))
  // (Fleiss, Cohen & Everitt 1969): 0.018 for the 1000 scored; the check allows 4 SE.
  TraitsClassifier classifier({"a", "b", "c"}, 4);
  std::mt19937_64 engine(5);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> label(0, 3);
  for (int i = 0; i < 2000; ++i) classifier.add(label(engine), {uniform(engine), uniform(engine), uniform(engine)});
  const auto json = classifier.to_json();
  REQUIRE(json["kappa"].is_number());
  CHECK(std::abs(json["kappa"].get<double>()) < 4 * std::sqrt(1.0 / 3000.0));
}

TEST_CASE("analysis/run: the traits' classifier keeps a bounded sample and says when it is too small") {
  TraitsClassifier few({"a"}, 4);
  for (int i = 0; i < 60; ++i) few.add(i % 4, {static_cast<double>(i)});
  CHECK(few.to_json()["kappa"].is_null());  // 30 a side: fewer than two leaves of 20
  TraitsClassifier bounded({"a"}, 4, 100);
  for (int i = 0; i < 500; ++i) bounded.add(i % 4, {static_cast<double>(i % 4)});
  const auto json = bounded.to_json();
  CHECK(json["n_fitted"].get<int>() + json["n_scored"].get<int>() == 100);
  CHECK_THROWS_AS(bounded.add(0, {1.0, 2.0}), std::invalid_argument);
}

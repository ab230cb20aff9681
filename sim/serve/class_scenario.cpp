#include "sim/serve/class_scenario.hpp"

#include "sim/serve/http.hpp"
#include "sim/serve/request_query.hpp"
#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {

QuestionPopulations question_populations(const std::string& query, std::uint64_t default_dyads,
                                         std::uint64_t max_dyads) {
  const std::string text = !query.empty() && query[0] == '?' ? query.substr(1) : query;
  // The query as /api/population receives it, read by the same reader.
  httplib::Request request;
  request.target = "/api/population?" + text;
  httplib::detail::parse_query_text(text, request.params);
  const Query read = read_query(request, {"dyads"});
  const std::uint64_t dyads = read.integer("dyads", default_dyads, 1, max_dyads);

  QuestionPopulations populations;
  populations.scenario = teaching_scenario(read.controls, dyads);
  populations.baseline = teaching_scenario({}, dyads);
  populations.preset = "normative";
  populations.title = populations.baseline.description;
  populations.baseline_query = "dyads=" + std::to_string(dyads);
  return populations;
}

}  // namespace attune::serve

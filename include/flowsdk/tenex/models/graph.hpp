#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/graph_edge.hpp"
#include "flowsdk/tenex/models/graph_step.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <vector>

namespace flowsdk::tenex {

/// A workflow's graph, `{steps, edges}`: what a version snapshots and replace_graph replaces
/// whole. graph_builder makes one and checks it locally.
struct graph {
  std::vector<graph_step> steps;
  std::vector<graph_edge> edges;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph, (), (steps, edges))

}  // namespace flowsdk::tenex

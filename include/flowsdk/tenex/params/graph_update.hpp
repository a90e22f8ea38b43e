#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/graph.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <utility>

namespace flowsdk::tenex {

/// The body of workflows::replace_graph, `{graph, input_schema?, output_schema?}`: the whole
/// graph, saved as a new version; the schemas are sent only when set.
class graph_update {
 public:
  graph_update() {}
  explicit graph_update(tenex::graph graph) : graph(std::move(graph)) {}

  tenex::graph graph;
  std::optional<boost::json::object> input_schema;
  std::optional<boost::json::object> output_schema;
};
BOOST_DESCRIBE_STRUCT(graph_update, (), (graph, input_schema, output_schema))

}  // namespace flowsdk::tenex

#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/graph.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::tenex {

/// The body of workflows::create, `{name, description?, input_schema, output_schema?, graph}`:
/// the new workflow is a `draft` with version 1.
class workflow_create {
 public:
  workflow_create() {}
  workflow_create(std::string name, tenex::graph graph) : name(std::move(name)), graph(std::move(graph)) {}

  std::string name;
  std::optional<std::string> description;
  boost::json::object input_schema;  ///< JSON Schema of a run's input; `{}` accepts any object
  std::optional<boost::json::object> output_schema;
  tenex::graph graph;
};
BOOST_DESCRIBE_STRUCT(workflow_create, (), (name, description, input_schema, output_schema, graph))

}  // namespace flowsdk::tenex

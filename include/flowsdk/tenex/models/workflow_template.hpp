#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/graph.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// A vetted, parameterised workflow that templates::instantiate turns into a workflow. (Named
/// workflow_template because `template` is a C++ keyword.)
struct workflow_template {
  std::string slug;  ///< its id, e.g. "lead-to-sequence"
  std::string name;
  std::string description;
  std::string category;
  std::int64_t version = 0;           ///< the template's own revision
  boost::json::value inputs_schema;   ///< JSON Schema of template_inputs::inputs
  std::optional<tenex::graph> graph;  ///< templates::get only: list pages leave it out
  std::string created_at;
  std::string updated_at;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_template, (),
                      (slug, name, description, category, version, inputs_schema, graph, created_at, updated_at))

}  // namespace flowsdk::tenex

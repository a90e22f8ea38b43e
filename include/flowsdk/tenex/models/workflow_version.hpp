#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/graph.hpp"
#include "flowsdk/tenex/models/version_state.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// An immutable snapshot of a workflow's graph and schemas. Each replace_graph makes one (not
/// activated); runs record the version they ran.
struct workflow_version {
  std::string workflow_id;
  std::int64_t version = 0;  ///< from 1
  version_state state;
  tenex::graph graph;
  boost::json::value input_schema;
  boost::json::value output_schema;  ///< null when the version declares none
  std::string created_at;
  std::optional<std::string> archived_at;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_version, (),
                      (workflow_id, version, state, graph, input_schema, output_schema, created_at, archived_at))

}  // namespace flowsdk::tenex

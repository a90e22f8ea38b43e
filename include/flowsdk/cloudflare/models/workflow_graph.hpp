#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/graph_workflow.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

namespace flowsdk::cloudflare {

/// The step graph of a version.
struct workflow_graph {
  double version = 0;
  graph_workflow workflow;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_graph, (), (version, workflow))

}  // namespace flowsdk::cloudflare

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/graph_node.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

/// The workflow class of a version_graph: its entry nodes and functions.
struct graph_workflow {
  std::string class_name;
  std::map<std::string, graph_node, std::less<>> functions;
  std::vector<graph_node> nodes;
  std::optional<boost::json::value> payload;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_workflow, (), (class_name, functions, nodes, payload))

}  // namespace flowsdk::cloudflare

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/workflow_graph.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// A version with its step graph (null when the version has none).
struct version_graph {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  std::optional<workflow_graph> graph;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version_graph, (), (id, workflow_id, class_name, created_on, modified_on, graph))

}  // namespace flowsdk::cloudflare

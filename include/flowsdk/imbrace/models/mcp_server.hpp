#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/mcp_tool.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// An MCP server of a project and the tools it exposes.
struct mcp_server {
  std::string id;
  std::string created;
  std::string updated;
  std::string name;
  std::string project_id;
  std::string token;  ///< secret in the server's SSE URL; rotate_mcp_token replaces it
  std::string external_id;
  std::vector<mcp_tool> tools;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(mcp_server, (), (id, created, updated, name, project_id, token, external_id, tools))

}  // namespace flowsdk::imbrace

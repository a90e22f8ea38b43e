#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// A tool an MCP server exposes: a piece action or a flow.
struct mcp_tool {
  std::string id;
  std::string created;
  std::string updated;
  std::string type;  ///< "PIECE" or "FLOW"
  std::string tool_name;
  std::string mcp_id;
  std::string external_id;
  std::optional<boost::json::object> piece_metadata;  ///< PIECE tools
  std::optional<std::string> flow_id;                 ///< FLOW tools
  std::optional<boost::json::object> flow;            ///< FLOW tools: the flow, as the server embeds it
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(mcp_tool, (),
                      (id, created, updated, type, tool_name, mcp_id, external_id, piece_metadata, flow_id, flow))

}  // namespace flowsdk::imbrace

#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// A tool to put on an MCP server.
class mcp_tool_input {
 public:
  /// A piece action as a tool.
  static mcp_tool_input piece(std::string tool_name, std::string piece_name, std::string piece_version,
                              std::string action_name,
                              std::optional<std::string> connection_external_id = std::nullopt);
  /// A flow as a tool.
  static mcp_tool_input flow(std::string tool_name, std::string flow_id);

  const boost::json::object& to_json() const noexcept { return json_; }

 private:
  explicit mcp_tool_input(boost::json::object json) : json_(std::move(json)) {}
  boost::json::object json_;
};

}  // namespace flowsdk::imbrace

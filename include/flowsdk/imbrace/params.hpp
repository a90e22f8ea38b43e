#pragma once
// Parameters of the workflows methods. Each type has a user-provided constructor, so it is safe
// to build inline in a co_await expression on g++ 12 (DESIGN.md section 4): set members on a
// named object, or use the constructor arguments.

#include "flowsdk/imbrace/connection_value.hpp"
#include "flowsdk/imbrace/models.hpp"

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Filters of list_flows. Unset members are not sent.
class list_flows_params {
 public:
  list_flows_params() {}

  std::optional<int> limit;               ///< page size (server default 10, at most 100)
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
  std::optional<flow_status> status;
  std::optional<std::string> cursor;      ///< start from this page instead of the first
};

/// Filters of list_runs. Unset members are not sent.
class list_runs_params {
 public:
  list_runs_params() {}

  std::optional<int> limit;
  std::optional<std::string> flow_id;
  std::optional<std::string> project_id;
  std::optional<flow_run_status> status;
  std::vector<std::string> tags;              ///< runs carrying any of these tags
  std::optional<std::string> created_after;   ///< ISO-8601
  std::optional<std::string> created_before;  ///< ISO-8601
  std::optional<std::string> cursor;
};

/// The body of create_flow.
class create_flow_request {
 public:
  explicit create_flow_request(std::string display_name, std::optional<std::string> project_id = std::nullopt)
      : display_name(std::move(display_name)), project_id(std::move(project_id)) {}

  std::string display_name;
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
};
BOOST_DESCRIBE_STRUCT(create_flow_request, (), (display_name, project_id, folder_id))

/// Paging of the lists that take no filters (folders, tables).
class page_params {
 public:
  page_params() {}

  std::optional<int> limit;
  std::optional<std::string> cursor;
};

/// The body of create_folder.
class create_folder_request {
 public:
  create_folder_request(std::string display_name, std::string project_id)
      : display_name(std::move(display_name)), project_id(std::move(project_id)) {}

  std::string display_name;
  std::string project_id;
};
BOOST_DESCRIBE_STRUCT(create_folder_request, (), (display_name, project_id))

/// Filters of list_connections.
class list_connections_params {
 public:
  list_connections_params() {}

  std::optional<int> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> project_id;
  std::optional<std::string> piece_name;
};

/// The body of upsert_connection. A connection with the same external id in the project is
/// replaced.
class upsert_connection_request {
 public:
  upsert_connection_request(std::string external_id, std::string display_name, std::string piece_name,
                            std::string project_id, connection_value value)
      : external_id(std::move(external_id)),
        display_name(std::move(display_name)),
        piece_name(std::move(piece_name)),
        project_id(std::move(project_id)),
        value(std::move(value)) {}

  std::string external_id;
  std::string display_name;
  std::string piece_name;
  std::string project_id;
  connection_value value;
  std::optional<boost::json::object> metadata;
};

/// The body of test_trigger. The gateway's document asks for piece and flow; the engine
/// upstream for the flow, its version and a strategy: set what your server needs.
class test_trigger_request {
 public:
  explicit test_trigger_request(std::string flow_id) : flow_id(std::move(flow_id)) {}

  std::string flow_id;
  std::optional<std::string> piece_name;
  std::optional<std::string> flow_version_id;
  std::optional<std::string> test_strategy;  ///< "SIMULATION" or "TEST_FUNCTION"
};
BOOST_DESCRIBE_STRUCT(test_trigger_request, (), (flow_id, piece_name, flow_version_id, test_strategy))

/// One cell to write: a field id and its value.
class cell_input {
 public:
  cell_input(std::string field_id, boost::json::value value) : field_id(std::move(field_id)), value(std::move(value)) {}

  std::string field_id;
  boost::json::value value;
};
BOOST_DESCRIBE_STRUCT(cell_input, (), (field_id, value))

/// Parameters of list_mcp_servers. Without a project id the client resolves the caller's
/// project (see workflows::resolve_project_id).
class list_mcp_servers_params {
 public:
  list_mcp_servers_params() {}

  std::optional<std::string> project_id;
  std::optional<int> limit;
  std::optional<std::string> cursor;
};

/// The body of create_mcp_server; the project is resolved when not given.
class create_mcp_server_request {
 public:
  explicit create_mcp_server_request(std::optional<std::string> name = std::nullopt,
                                     std::optional<std::string> project_id = std::nullopt)
      : name(std::move(name)), project_id(std::move(project_id)) {}

  std::optional<std::string> name;
  std::optional<std::string> project_id;
};
BOOST_DESCRIBE_STRUCT(create_mcp_server_request, (), (name, project_id))

/// A tool to put on an MCP server.
class mcp_tool_input {
 public:
  /// A piece action as a tool.
  static mcp_tool_input piece(std::string tool_name, std::string piece_name, std::string piece_version,
                              std::string action_name, std::optional<std::string> connection_external_id = std::nullopt);
  /// A flow as a tool.
  static mcp_tool_input flow(std::string tool_name, std::string flow_id);

  const boost::json::object& to_json() const noexcept { return json_; }

 private:
  explicit mcp_tool_input(boost::json::object json) : json_(std::move(json)) {}
  boost::json::object json_;
};

/// The body of update_mcp_server: a new name, and/or a new tool list replacing the old one.
class update_mcp_server_request {
 public:
  update_mcp_server_request() {}

  std::optional<std::string> name;
  std::optional<std::vector<mcp_tool_input>> tools;
};

/// Parameters of list_invitations.
class list_invitations_params {
 public:
  explicit list_invitations_params(invitation_type type) : type(type) {}

  invitation_type type;
  std::optional<int> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> project_id;
};

}  // namespace flowsdk::imbrace

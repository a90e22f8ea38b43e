#pragma once
// Models of the Imbrace flow engine (Activepieces). JSON keys are camelCase; members are
// snake_case. Keys this release does not know are kept in `extra`; enumerations are open.
// Timestamps are ISO-8601 strings as the server sends them ("2026-11-22T10:00:00.000Z").

#include "flowsdk/core/json.hpp"
#include "flowsdk/core/open_enum.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Whether a flow's published version runs when triggered.
class flow_status : public open_enum<flow_status> {
 public:
  using open_enum::open_enum;
  static const flow_status enabled;
  static const flow_status disabled;
};
inline const flow_status flow_status::enabled{"ENABLED"};
inline const flow_status flow_status::disabled{"DISABLED"};

/// The state of a run. The server adds values over time; compare with the constants and treat
/// anything else as "not finished successfully".
class flow_run_status : public open_enum<flow_run_status> {
 public:
  using open_enum::open_enum;
  static const flow_run_status queued;
  static const flow_run_status running;
  static const flow_run_status paused;
  static const flow_run_status succeeded;
  static const flow_run_status failed;
  static const flow_run_status timeout;
  static const flow_run_status canceled;
  static const flow_run_status quota_exceeded;
  static const flow_run_status internal_error;
  static const flow_run_status memory_limit_exceeded;

  /// True for statuses after which the run changes no more.
  bool is_terminal() const noexcept;
};
inline const flow_run_status flow_run_status::queued{"QUEUED"};
inline const flow_run_status flow_run_status::running{"RUNNING"};
inline const flow_run_status flow_run_status::paused{"PAUSED"};
inline const flow_run_status flow_run_status::succeeded{"SUCCEEDED"};
inline const flow_run_status flow_run_status::failed{"FAILED"};
inline const flow_run_status flow_run_status::timeout{"TIMEOUT"};
inline const flow_run_status flow_run_status::canceled{"CANCELED"};
inline const flow_run_status flow_run_status::quota_exceeded{"QUOTA_EXCEEDED"};
inline const flow_run_status flow_run_status::internal_error{"INTERNAL_ERROR"};
inline const flow_run_status flow_run_status::memory_limit_exceeded{"MEMORY_LIMIT_EXCEEDED"};

/// A version of a flow: its trigger, with the steps linked from it through `nextAction`.
struct flow_version {
  std::string id;
  std::string created;
  std::string updated;
  std::string flow_id;
  std::string display_name;
  boost::json::object trigger;      ///< {name, type, settings, nextAction?, ...}
  bool valid = false;
  std::string state;                ///< "DRAFT" or "LOCKED"
  std::optional<std::string> updated_by;
  std::vector<std::string> connection_ids;
  std::vector<std::string> agent_ids;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow_version, (),
                      (id, created, updated, flow_id, display_name, trigger, valid, state, updated_by,
                       connection_ids, agent_ids))

/// A flow with its current (draft or published) version.
struct flow {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> folder_id;
  flow_status status;
  std::string operation_status;     ///< "NONE", "ENABLING", "DISABLING", "DELETING"
  std::optional<std::string> published_version_id;
  flow_version version;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow, (),
                      (id, created, updated, project_id, external_id, folder_id, status, operation_status,
                       published_version_id, version))

/// The step a failed run stopped at.
struct failed_step {
  std::string name;
  std::string display_name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(failed_step, (), (name, display_name))

/// One execution of a flow.
struct flow_run {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string flow_id;
  std::string flow_version_id;
  flow_run_status status;
  std::string environment;          ///< "PRODUCTION" or "TESTING"
  std::optional<std::string> start_time;
  std::optional<std::string> finish_time;
  bool fail_parent_on_failure = false;
  std::vector<std::string> tags;
  std::optional<std::string> parent_run_id;
  std::optional<imbrace::failed_step> failed_step;
  /// Per-step results, keyed by step name. Only get_run fills it; lists leave it empty.
  std::optional<boost::json::object> steps;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow_run, (),
                      (id, created, updated, project_id, flow_id, flow_version_id, status, environment, start_time,
                       finish_time, fail_parent_on_failure, tags, parent_run_id, failed_step, steps))

// ---- folders, connections -------------------------------------------------------------------

/// A folder that groups flows.
struct folder {
  std::string id;
  std::string created;
  std::string updated;
  std::string display_name;
  std::string project_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(folder, (), (id, created, updated, display_name, project_id))

/// How an app connection authenticates to its service.
class connection_type : public open_enum<connection_type> {
 public:
  using open_enum::open_enum;
  static const connection_type secret_text;
  static const connection_type basic_auth;
  static const connection_type custom_auth;
  static const connection_type oauth2;
  static const connection_type cloud_oauth2;
  static const connection_type platform_oauth2;
  static const connection_type no_auth;
};
inline const connection_type connection_type::secret_text{"SECRET_TEXT"};
inline const connection_type connection_type::basic_auth{"BASIC_AUTH"};
inline const connection_type connection_type::custom_auth{"CUSTOM_AUTH"};
inline const connection_type connection_type::oauth2{"OAUTH2"};
inline const connection_type connection_type::cloud_oauth2{"CLOUD_OAUTH2"};
inline const connection_type connection_type::platform_oauth2{"PLATFORM_OAUTH2"};
inline const connection_type connection_type::no_auth{"NO_AUTH"};

/// A stored credential for a piece. The secret itself is never returned by the server.
struct app_connection {
  std::string id;
  std::string created;
  std::string updated;
  std::string external_id;
  std::string display_name;
  std::string piece_name;
  std::vector<std::string> project_ids;   ///< the server's field
  std::optional<std::string> project_id;  ///< what older servers and the TypeScript types carry
  std::optional<std::string> platform_id;
  std::string scope;                      ///< "PROJECT" or "PLATFORM"
  std::string status;                     ///< "ACTIVE", "MISSING", "ERROR"
  connection_type type;
  std::optional<std::string> owner_id;
  std::optional<boost::json::object> metadata;
  std::vector<std::string> flow_ids;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(app_connection, (),
                      (id, created, updated, external_id, display_name, piece_name, project_ids, project_id,
                       platform_id, scope, status, type, owner_id, metadata, flow_ids))

// ---- pieces and triggers ----------------------------------------------------------------------

/// A piece as listed: actions and triggers are counts.
struct piece_summary {
  std::string id;
  std::string name;
  std::string display_name;
  std::string description;
  std::string logo_url;
  std::string version;
  std::vector<std::string> categories;
  std::int64_t actions = 0;
  std::int64_t triggers = 0;
  std::vector<std::string> authors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece_summary, (),
                      (id, name, display_name, description, logo_url, version, categories, actions, triggers, authors))

/// A piece with its actions and triggers, keyed by name.
struct piece {
  std::string id;
  std::string name;
  std::string display_name;
  std::string description;
  std::string logo_url;
  std::string version;
  std::vector<std::string> categories;
  boost::json::object actions;
  boost::json::object triggers;
  std::vector<std::string> authors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece, (),
                      (id, name, display_name, description, logo_url, version, categories, actions, triggers, authors))

struct daily_trigger_stats {
  std::int64_t success = 0;
  std::int64_t failure = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(daily_trigger_stats, (), (success, failure))

struct piece_trigger_stats {
  std::map<std::string, daily_trigger_stats, std::less<>> daily_stats;  ///< keyed by day, "YYYY-MM-DD"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece_trigger_stats, (), (daily_stats))

/// Trigger outcomes per piece and day.
struct trigger_run_status {
  std::map<std::string, piece_trigger_stats, std::less<>> pieces;  ///< keyed by piece name
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_run_status, (), (pieces))

// ---- tables, fields, records --------------------------------------------------------------------

struct table {
  std::string id;
  std::string created;
  std::string updated;
  std::string name;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> status;   ///< "ENABLED" or "DISABLED"
  std::optional<std::string> trigger;  ///< "ON_NEW_RECORD" or "ON_UPDATE_RECORD"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(table, (), (id, created, updated, name, project_id, external_id, status, trigger))

/// The type of a table field.
class field_type : public open_enum<field_type> {
 public:
  using open_enum::open_enum;
  static const field_type text;
  static const field_type number;
  static const field_type date;
  static const field_type static_dropdown;
};
inline const field_type field_type::text{"TEXT"};
inline const field_type field_type::number{"NUMBER"};
inline const field_type field_type::date{"DATE"};
inline const field_type field_type::static_dropdown{"STATIC_DROPDOWN"};

struct field {
  std::string id;
  std::string created;
  std::string updated;
  std::string name;
  field_type type;
  std::string table_id;
  std::string project_id;
  std::string external_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(field, (), (id, created, updated, name, type, table_id, project_id, external_id))

/// One cell of a record as the server returns it.
struct record_cell {
  boost::json::value value;
  std::string field_name;
  std::string created;
  std::string updated;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(record_cell, (), (value, field_name, created, updated))

struct record {
  std::string id;
  std::string created;
  std::string updated;
  std::string table_id;
  std::string project_id;
  std::map<std::string, record_cell, std::less<>> cells;  ///< keyed by field id
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(record, (), (id, created, updated, table_id, project_id, cells))

// ---- MCP servers, invitations, projects, channel automation -----------------------------------

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

/// Whom an invitation is for: the platform or one project. A closed enum on purpose: the
/// server rejects anything else, so the SDK makes it impossible to send.
enum class invitation_type { platform, project };

struct user_invitation {
  std::string id;
  std::string created;
  std::string updated;
  std::string email;
  std::string type;    ///< "PLATFORM" or "PROJECT"
  std::string status;  ///< "PENDING" or "ACCEPTED"
  std::string platform_id;
  std::optional<std::string> platform_role;
  std::optional<std::string> project_id;
  std::optional<std::string> project_role_id;
  std::optional<boost::json::object> project_role;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(user_invitation, (),
                      (id, created, updated, email, type, status, platform_id, platform_role, project_id,
                       project_role_id, project_role))

struct project {
  std::string id;
  std::string created;
  std::string updated;
  std::string display_name;
  std::string platform_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(project, (), (id, created, updated, display_name, platform_id))

struct channel_automation_tag {
  std::string id;
  std::string name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(channel_automation_tag, (), (id, name))

/// An automation of the channel service (listed, not paged).
struct channel_automation {
  std::string id;
  std::optional<std::string> name;
  std::optional<bool> active;
  std::vector<channel_automation_tag> tags;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(channel_automation, (), (id, name, active, tags))

/// What the asynchronous webhook trigger answers: the run was queued.
struct webhook_result {
  std::string webhook_id;     ///< the `x-webhook-id` header: identifies the queued run's trigger event
  boost::json::value body;    ///< `{}` from the engine
};

/// What the synchronous webhook trigger answers: the flow's own response.
struct sync_webhook_result {
  unsigned status = 0;          ///< the flow's status; 204 when it gave no response in time
  http::header_list headers;
  std::string body;             ///< raw bytes, whatever the content type
  std::optional<boost::json::value> json;  ///< the body parsed, when it is JSON
  std::string webhook_id;

  /// True when the engine gave up waiting for the flow's response (204, empty body).
  bool no_response() const noexcept { return status == 204; }
};

}  // namespace flowsdk::imbrace

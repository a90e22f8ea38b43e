#pragma once
// The Imbrace workflow resources beside flows and runs: the project, folders, app connections,
// tables with their fields and records, MCP servers, user invitations and trigger events. Plain
// records; imbrace_state owns them and knows the rules (imbrace_resources.cpp).

#include "common/util.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::emulator::detail {

/// The caller's project (every credential maps to it).
struct project_record {
  std::string id;
  epoch_ms created = 0;
  std::string display_name;
  std::string owner_id;
  std::string platform_id;
};

struct folder_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string project_id;
  std::string display_name;
};

struct connection_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string external_id;
  std::string display_name;
  std::string piece_name;
  std::string project_id;
  std::string type;    ///< SECRET_TEXT | BASIC_AUTH | CUSTOM_AUTH | OAUTH2 | CLOUD_OAUTH2 | PLATFORM_OAUTH2 | NO_AUTH
  json::object value;  ///< the secret as sent; never serialised
  json::value metadata = nullptr;
};

struct table_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string name;
  std::string project_id;
  std::string external_id;
};

struct field_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string name;
  std::string type;  ///< TEXT | NUMBER | DATE | STATIC_DROPDOWN
  std::string table_id;
  std::string project_id;
  std::string external_id;
  std::vector<std::string> options;  ///< STATIC_DROPDOWN choices; empty: any value
};

struct cell {
  json::value value;
  epoch_ms created = 0;
  epoch_ms updated = 0;
};

/// A table record ("record" is taken).
struct table_row {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string table_id;
  std::string project_id;
  std::map<std::string, cell, std::less<>> cells;  ///< by field id
};

struct mcp_tool {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string external_id;
  std::string type;  ///< PIECE | FLOW
  std::string tool_name;
  json::object piece_metadata;  ///< PIECE
  std::string flow_id;          ///< FLOW
};

struct mcp_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string name;
  std::string project_id;
  std::string token;
  std::string external_id;
  std::vector<mcp_tool> tools;
};

struct invitation_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string email;
  std::string type;    ///< PLATFORM | PROJECT
  std::string status;  ///< PENDING | ACCEPTED
  std::string platform_id;
  std::optional<std::string> platform_role;    ///< PLATFORM invitations
  std::optional<std::string> project_id;       ///< PROJECT invitations
  std::optional<std::string> project_role_id;  ///< PROJECT invitations
};

/// What POST /v1/test-trigger produced, as upstream's TriggerEventWithPayload.
struct trigger_event_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string project_id;
  std::string flow_id;
  std::string source_name;  ///< "<pieceName>@<pieceVersion>:<triggerName>"
  std::string file_id;
  std::string test_strategy;
  json::value payload;
};

json::object table_to_json(const table_record& t);
json::object field_to_json(const field_record& f);
json::object trigger_event_to_json(const trigger_event_record& e);

// ---------------------------------------------------------------------------------------------
// The piece catalog (imbrace_pieces.cpp): a fixed handful of pieces with full metadata.

/// GET /v1/pieces: summaries (actions and triggers as counts), by name. `search` matches name or
/// displayName case-insensitively; `categories` keeps pieces in any of them. Empty: no filter.
json::array piece_summaries(std::string_view search, const std::vector<std::string>& categories);
/// GET /v1/pieces/{name}?version=: full metadata, actions and triggers keyed by name. `version`
/// exact ("0.1.23") or a range ("~0.1.0", "^0.1.0"); empty: the newest. 404 when unknown.
json::object piece_metadata(std::string_view name, std::string_view version);
/// The catalog's categories.
json::array piece_categories();
/// A trigger's or action's metadata in the newest version; nullptr when unknown.
const json::object* piece_trigger(std::string_view piece, std::string_view trigger);
const json::object* piece_action(std::string_view piece, std::string_view action);
/// The newest version of a piece; empty when unknown.
std::string piece_latest_version(std::string_view piece);
std::string piece_logo_url(std::string_view piece);

}  // namespace flowsdk::emulator::detail

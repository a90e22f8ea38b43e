#pragma once
// Every model of the Imbrace flow engine (Activepieces), one header each under
// flowsdk/imbrace/models/: include this for all of them, or just the ones you use.
//
// Conventions of every model:
// - JSON keys are camelCase, members snake_case (`flow_id` is "flowId").
// - Keys this release does not know are kept in the model's `extra` object.
// - Enumerations are open (flowsdk::open_enum): a value a newer server sends is kept as its
//   string; compare with the constants.
// - Timestamps are ISO-8601 strings as the server sends them ("2026-11-22T10:00:00.000Z").
// - A described model (BOOST_DESCRIBE_STRUCT) decodes with flowsdk::json::decode_as<T>; its
//   header includes flowsdk/core/json.hpp for that.

#include "flowsdk/imbrace/models/app_connection.hpp"
#include "flowsdk/imbrace/models/channel_automation.hpp"
#include "flowsdk/imbrace/models/channel_automation_tag.hpp"
#include "flowsdk/imbrace/models/connection_type.hpp"
#include "flowsdk/imbrace/models/daily_trigger_stats.hpp"
#include "flowsdk/imbrace/models/failed_step.hpp"
#include "flowsdk/imbrace/models/field.hpp"
#include "flowsdk/imbrace/models/field_type.hpp"
#include "flowsdk/imbrace/models/flow.hpp"
#include "flowsdk/imbrace/models/flow_run.hpp"
#include "flowsdk/imbrace/models/flow_run_status.hpp"
#include "flowsdk/imbrace/models/flow_status.hpp"
#include "flowsdk/imbrace/models/flow_version.hpp"
#include "flowsdk/imbrace/models/folder.hpp"
#include "flowsdk/imbrace/models/invitation_type.hpp"
#include "flowsdk/imbrace/models/mcp_server.hpp"
#include "flowsdk/imbrace/models/mcp_tool.hpp"
#include "flowsdk/imbrace/models/piece.hpp"
#include "flowsdk/imbrace/models/piece_summary.hpp"
#include "flowsdk/imbrace/models/piece_trigger_stats.hpp"
#include "flowsdk/imbrace/models/project.hpp"
#include "flowsdk/imbrace/models/record.hpp"
#include "flowsdk/imbrace/models/record_cell.hpp"
#include "flowsdk/imbrace/models/sync_webhook_result.hpp"
#include "flowsdk/imbrace/models/table.hpp"
#include "flowsdk/imbrace/models/trigger_run_status.hpp"
#include "flowsdk/imbrace/models/user_invitation.hpp"
#include "flowsdk/imbrace/models/webhook_result.hpp"

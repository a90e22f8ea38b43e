#pragma once
// Every parameter type of imbrace::workflows, one header each under flowsdk/imbrace/params/.
//
// Each type has a user-provided constructor, so it is safe to build inline in a co_await
// expression on g++ 12 (docs/coroutine-hazards.md, hazard 1): set members on a named object,
// or use the constructor arguments. Unset optional members are not sent.

#include "flowsdk/imbrace/params/cell_input.hpp"
#include "flowsdk/imbrace/params/create_flow_request.hpp"
#include "flowsdk/imbrace/params/create_folder_request.hpp"
#include "flowsdk/imbrace/params/create_mcp_server_request.hpp"
#include "flowsdk/imbrace/params/list_connections_params.hpp"
#include "flowsdk/imbrace/params/list_flows_params.hpp"
#include "flowsdk/imbrace/params/list_invitations_params.hpp"
#include "flowsdk/imbrace/params/list_mcp_servers_params.hpp"
#include "flowsdk/imbrace/params/list_runs_params.hpp"
#include "flowsdk/imbrace/params/mcp_tool_input.hpp"
#include "flowsdk/imbrace/params/page_params.hpp"
#include "flowsdk/imbrace/params/test_trigger_request.hpp"
#include "flowsdk/imbrace/params/update_mcp_server_request.hpp"
#include "flowsdk/imbrace/params/upsert_connection_request.hpp"

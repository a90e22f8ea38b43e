#pragma once
// Every model of the Cloudflare Workflows API, one header each under flowsdk/cloudflare/models/:
// include this for all of them, or just the ones you use.
//
// Conventions of every model:
// - JSON keys are snake_case like the members, except the few camelCase keys the API uses
//   (versionId, scheduledTime, instanceId, instancesTerminated), mapped by a json_rename
//   overload next to the type (see flowsdk/cloudflare/json_key_style.hpp).
// - Keys this release does not know are kept in the model's `extra` object.
// - Enumerations are open (flowsdk::open_enum): a value a newer server sends is kept as its string.
// - Timestamps are ISO-8601 strings; durations are milliseconds (the API also takes "5 minutes").

#include "flowsdk/cloudflare/models/batch_delete_error.hpp"
#include "flowsdk/cloudflare/models/batch_delete_result.hpp"
#include "flowsdk/cloudflare/models/batch_deleted.hpp"
#include "flowsdk/cloudflare/models/batch_terminate_result.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"
#include "flowsdk/cloudflare/models/graph_node.hpp"
#include "flowsdk/cloudflare/models/graph_workflow.hpp"
#include "flowsdk/cloudflare/models/instance_ack.hpp"
#include "flowsdk/cloudflare/models/instance_created.hpp"
#include "flowsdk/cloudflare/models/instance_details.hpp"
#include "flowsdk/cloudflare/models/instance_schedule.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"
#include "flowsdk/cloudflare/models/instance_step.hpp"
#include "flowsdk/cloudflare/models/instance_summary.hpp"
#include "flowsdk/cloudflare/models/retention.hpp"
#include "flowsdk/cloudflare/models/rollback_info.hpp"
#include "flowsdk/cloudflare/models/status_change_result.hpp"
#include "flowsdk/cloudflare/models/step_attempt.hpp"
#include "flowsdk/cloudflare/models/step_config.hpp"
#include "flowsdk/cloudflare/models/step_output.hpp"
#include "flowsdk/cloudflare/models/step_output_result.hpp"
#include "flowsdk/cloudflare/models/step_retries.hpp"
#include "flowsdk/cloudflare/models/terminate_job_status.hpp"
#include "flowsdk/cloudflare/models/trigger_info.hpp"
#include "flowsdk/cloudflare/models/version.hpp"
#include "flowsdk/cloudflare/models/version_dag.hpp"
#include "flowsdk/cloudflare/models/version_graph.hpp"
#include "flowsdk/cloudflare/models/workflow.hpp"
#include "flowsdk/cloudflare/models/workflow_graph.hpp"
#include "flowsdk/cloudflare/models/workflow_limits.hpp"
#include "flowsdk/cloudflare/models/workflow_put_result.hpp"
#include "flowsdk/cloudflare/models/workflow_schedule.hpp"
#include "flowsdk/cloudflare/models/workflow_settings.hpp"

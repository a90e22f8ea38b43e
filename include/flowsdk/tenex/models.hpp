#pragma once
// Every model of the 10ex flows API, one header each under flowsdk/tenex/models/: include this
// for all of them, or just the ones you use.
//
// Conventions of every model:
// - JSON keys are snake_case, spelled like the members (flowsdk/tenex/json_key_style.hpp).
// - Keys this release does not know are kept in the model's `extra` object; null and missing
//   read alike.
// - Enumerations are open (flowsdk::open_enum): a value a newer server sends is kept as its string.
// - Timestamps are ISO-8601 UTC strings; inputs and outputs are raw JSON values.

#include "flowsdk/tenex/models/external_trigger.hpp"
#include "flowsdk/tenex/models/graph.hpp"
#include "flowsdk/tenex/models/graph_edge.hpp"
#include "flowsdk/tenex/models/graph_step.hpp"
#include "flowsdk/tenex/models/retry_backoff.hpp"
#include "flowsdk/tenex/models/run.hpp"
#include "flowsdk/tenex/models/run_error.hpp"
#include "flowsdk/tenex/models/run_event.hpp"
#include "flowsdk/tenex/models/run_event_kind.hpp"
#include "flowsdk/tenex/models/run_status.hpp"
#include "flowsdk/tenex/models/run_trigger.hpp"
#include "flowsdk/tenex/models/step_retry.hpp"
#include "flowsdk/tenex/models/step_run.hpp"
#include "flowsdk/tenex/models/step_status.hpp"
#include "flowsdk/tenex/models/step_type.hpp"
#include "flowsdk/tenex/models/trigger_match.hpp"
#include "flowsdk/tenex/models/trigger_source.hpp"
#include "flowsdk/tenex/models/trigger_target_type.hpp"
#include "flowsdk/tenex/models/trigger_type.hpp"
#include "flowsdk/tenex/models/version_state.hpp"
#include "flowsdk/tenex/models/workflow.hpp"
#include "flowsdk/tenex/models/workflow_status.hpp"
#include "flowsdk/tenex/models/workflow_template.hpp"
#include "flowsdk/tenex/models/workflow_version.hpp"

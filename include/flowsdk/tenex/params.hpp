#pragma once
// Every parameter type of the 10ex flows API, one header each under flowsdk/tenex/params/.

#include "flowsdk/tenex/params/graph_update.hpp"
#include "flowsdk/tenex/params/list_runs_params.hpp"
#include "flowsdk/tenex/params/list_templates_params.hpp"
#include "flowsdk/tenex/params/list_triggers_params.hpp"
#include "flowsdk/tenex/params/list_workflows_params.hpp"
#include "flowsdk/tenex/params/run_request.hpp"
#include "flowsdk/tenex/params/template_inputs.hpp"
#include "flowsdk/tenex/params/trigger_create.hpp"
#include "flowsdk/tenex/params/trigger_update.hpp"
#include "flowsdk/tenex/params/workflow_create.hpp"
#include "flowsdk/tenex/params/workflow_update.hpp"

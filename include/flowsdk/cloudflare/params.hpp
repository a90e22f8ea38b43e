#pragma once
// Every parameter type of cloudflare::workflows, instances and versions, one header each under
// flowsdk/cloudflare/params/.
//
// Each type has a user-provided constructor, so it is safe to build inline in a co_await
// expression on g++ 12 (docs/coroutine-hazards.md, hazard 1). Unset optional members are not sent.

#include "flowsdk/cloudflare/params/get_instance_params.hpp"
#include "flowsdk/cloudflare/params/instance_create.hpp"
#include "flowsdk/cloudflare/params/list_instances_params.hpp"
#include "flowsdk/cloudflare/params/list_versions_params.hpp"
#include "flowsdk/cloudflare/params/list_workflows_params.hpp"
#include "flowsdk/cloudflare/params/status_change.hpp"
#include "flowsdk/cloudflare/params/step_output_params.hpp"
#include "flowsdk/cloudflare/params/workflow_put.hpp"
#include "flowsdk/cloudflare/params/workflow_schedule_input.hpp"

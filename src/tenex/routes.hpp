#pragma once
// Every path of the 10ex flows API, relative to the base URL (`.../api/v1/flows`), in one table:
// 10ex publishes no route table yet (docs/tenex.md), so when it does, this is the one place to
// correct. Ids are checked (an empty one fails the call with errc::invalid_argument) and
// percent-encoded by rest::route.

#include "../rest/route.hpp"

#include <string>

namespace flowsdk::tenex::detail::routes {

using rest::route;

// Templates.
route templates();                      ///< GET /templates
route template_item(std::string slug);  ///< GET /templates/{slug}
route instantiate(std::string slug);    ///< POST /templates/{slug}/instantiate

// Workflows and versions.
route workflows();                                             ///< GET, POST /workflows
route workflow(std::string workflow_id);                       ///< GET, PATCH /workflows/{id}
route graph(std::string workflow_id);                          ///< PUT /workflows/{id}/graph
route archive_workflow(std::string workflow_id);               ///< POST /workflows/{id}/archive
route versions(std::string workflow_id);                       ///< GET /workflows/{id}/versions
route version(std::string workflow_id, int version);           ///< GET /workflows/{id}/versions/{v}
route activate_version(std::string workflow_id, int version);  ///< POST .../versions/{v}/activate
route archive_version(std::string workflow_id, int version);   ///< POST .../versions/{v}/archive

// Runs and steps.
route workflow_runs(std::string workflow_id);         ///< POST /workflows/{id}/runs
route runs();                                         ///< GET /runs
route run(std::string run_id);                        ///< GET /runs/{id}
route pause_run(std::string run_id);                  ///< POST /runs/{id}/pause
route resume_run(std::string run_id);                 ///< POST /runs/{id}/resume
route cancel_run(std::string run_id);                 ///< POST /runs/{id}/cancel
route steps(std::string run_id);                      ///< GET /runs/{id}/steps
route step(std::string run_id, std::string step_id);  ///< GET /runs/{id}/steps/{step_id}
route run_events(std::string run_id);                 ///< GET /runs/{id}/events (text/event-stream)

// External triggers.
route triggers();                            ///< GET, POST /triggers
route trigger(std::string trigger_id);       ///< GET, PATCH, DELETE /triggers/{id}
route test_trigger(std::string trigger_id);  ///< POST /triggers/{id}/test

}  // namespace flowsdk::tenex::detail::routes

#include "routes.hpp"

namespace flowsdk::tenex::detail::routes {

namespace {
route under(const char* collection, const char* what, std::string id) {
  route r(collection);
  r.id(what, std::move(id));
  return r;
}
}  // namespace

route templates() { return route("/templates"); }
route template_item(std::string slug) { return under("/templates", "template slug", std::move(slug)); }
route instantiate(std::string slug) { return template_item(std::move(slug)).then("/instantiate"); }

route workflows() { return route("/workflows"); }
route workflow(std::string workflow_id) { return under("/workflows", "workflow_id", std::move(workflow_id)); }
route graph(std::string workflow_id) { return workflow(std::move(workflow_id)).then("/graph"); }
route archive_workflow(std::string workflow_id) { return workflow(std::move(workflow_id)).then("/archive"); }
route versions(std::string workflow_id) { return workflow(std::move(workflow_id)).then("/versions"); }
route version(std::string workflow_id, int version) {
  route r = versions(std::move(workflow_id));
  r.id("version", std::to_string(version));
  return r;
}
route activate_version(std::string workflow_id, int v) { return version(std::move(workflow_id), v).then("/activate"); }
route archive_version(std::string workflow_id, int v) { return version(std::move(workflow_id), v).then("/archive"); }

route workflow_runs(std::string workflow_id) { return workflow(std::move(workflow_id)).then("/runs"); }
route runs() { return route("/runs"); }
route run(std::string run_id) { return under("/runs", "run_id", std::move(run_id)); }
route pause_run(std::string run_id) { return run(std::move(run_id)).then("/pause"); }
route resume_run(std::string run_id) { return run(std::move(run_id)).then("/resume"); }
route cancel_run(std::string run_id) { return run(std::move(run_id)).then("/cancel"); }
route steps(std::string run_id) { return run(std::move(run_id)).then("/steps"); }
route step(std::string run_id, std::string step_id) {
  route r = steps(std::move(run_id));
  r.id("step_id", std::move(step_id));
  return r;
}
route run_events(std::string run_id) { return run(std::move(run_id)).then("/events"); }

route triggers() { return route("/triggers"); }
route trigger(std::string trigger_id) { return under("/triggers", "trigger_id", std::move(trigger_id)); }
route test_trigger(std::string trigger_id) { return trigger(std::move(trigger_id)).then("/test"); }

}  // namespace flowsdk::tenex::detail::routes

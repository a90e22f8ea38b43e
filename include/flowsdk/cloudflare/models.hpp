#pragma once
// Models of the Cloudflare Workflows API. JSON keys are snake_case like the members, except the
// few camelCase keys the API uses (versionId, scheduledTime, instanceId, instancesTerminated),
// mapped by json_rename below. Unknown keys are kept in `extra`; enumerations are open.
// Timestamps are ISO-8601 strings; durations are milliseconds (the API also takes "5 minutes").

#include "flowsdk/core/json.hpp"
#include "flowsdk/core/open_enum.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::cloudflare {

template <class T>
constexpr json::key_style json_key_style(const T*) {
  return json::key_style::snake_case;
}

/// The state of an instance.
class instance_status : public open_enum<instance_status> {
 public:
  using open_enum::open_enum;
  static const instance_status queued;
  static const instance_status running;
  static const instance_status paused;
  static const instance_status errored;
  static const instance_status terminated;
  static const instance_status complete;
  static const instance_status waiting_for_pause;
  static const instance_status waiting;
  static const instance_status rolling_back;

  /// complete, errored or terminated: nothing changes any more.
  bool is_terminal() const noexcept;
};
inline const instance_status instance_status::queued{"queued"};
inline const instance_status instance_status::running{"running"};
inline const instance_status instance_status::paused{"paused"};
inline const instance_status instance_status::errored{"errored"};
inline const instance_status instance_status::terminated{"terminated"};
inline const instance_status instance_status::complete{"complete"};
inline const instance_status instance_status::waiting_for_pause{"waitingForPause"};
inline const instance_status instance_status::waiting{"waiting"};
inline const instance_status instance_status::rolling_back{"rollingBack"};

/// How long finished instances are kept. Each value is milliseconds (an integer) or a duration
/// such as "5 minutes" on the way in; servers answer with milliseconds.
struct retention {
  std::optional<boost::json::value> error_retention;
  std::optional<boost::json::value> success_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(retention, (), (error_retention, success_retention))

struct workflow_schedule {
  std::string cron;
  std::optional<std::string> next_instance;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_schedule, (), (cron, next_instance))

/// A deployed workflow.
struct workflow {
  std::string id;
  std::string name;
  std::string class_name;
  std::string script_name;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> triggered_on;
  std::map<std::string, std::int64_t, std::less<>> instances;  ///< instance counts by status
  std::vector<workflow_schedule> schedules;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow, (),
                      (id, name, class_name, script_name, created_on, modified_on, triggered_on, instances, schedules))

struct workflow_limits {
  std::optional<std::int64_t> steps;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_limits, (), (steps))

/// What put_workflow answers.
struct workflow_put_result {
  std::string id;
  std::string name;
  std::string class_name;
  std::string script_name;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> triggered_on;
  std::string version_id;
  std::int64_t is_deleted = 0;
  std::int64_t terminator_running = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_put_result, (),
                      (id, name, class_name, script_name, created_on, modified_on, triggered_on, version_id, is_deleted,
                       terminator_running))

/// An instance as create and bulk create answer.
struct instance_created {
  std::string id;
  instance_status status;
  std::string version_id;
  std::string workflow_id;
  std::optional<std::string> trigger_source;  ///< "api", "binding", "event", "cron", "unknown"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_created, (), (id, status, version_id, workflow_id, trigger_source))

/// An instance as lists show it.
struct instance_summary {
  std::string id;
  instance_status status;
  std::string version_id;
  std::string workflow_id;
  std::optional<std::string> trigger_source;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> started_on;
  std::optional<std::string> ended_on;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_summary, (),
                      (id, status, version_id, workflow_id, trigger_source, created_on, modified_on, started_on, ended_on))

struct error_info {
  std::string name;
  std::string message;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(error_info, (), (name, message))

struct step_attempt {
  std::string start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<error_info> error;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_attempt, (), (start, end, success, error))

struct step_retries {
  std::int64_t limit = 0;
  boost::json::value delay;  ///< milliseconds, a duration string, or "[dynamic]"
  std::optional<std::string> backoff;  ///< "constant", "linear", "exponential"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_retries, (), (limit, delay, backoff))

struct step_config {
  step_retries retries;
  boost::json::value timeout;  ///< milliseconds or a duration string
  std::optional<std::string> sensitive;  ///< "output": the output is redacted
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_config, (), (retries, timeout, sensitive))

struct trigger_info {
  std::string source;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_info, (), (source))

/// One entry of an instance's step log. The API sends a union discriminated by `type`; the
/// members that apply to each type:
///   "step", "rollback": name, start, end, success, output, attempts, config
///   "sleep":            name, start, end, finished, error
///   "waitForEvent":     name, start, end, finished, error, event_type, output
///   "termination":      trigger
struct instance_step {
  std::string type;
  std::string name;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<bool> finished;
  boost::json::value output;
  std::vector<step_attempt> attempts;
  std::optional<step_config> config;
  std::optional<error_info> error;
  std::optional<std::string> event_type;
  std::optional<trigger_info> trigger;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_step, (),
                      (type, name, start, end, success, finished, output, attempts, config, error, event_type, trigger))

struct rollback_info {
  std::string outcome;  ///< "complete" or "failed"
  std::optional<error_info> error;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(rollback_info, (), (outcome, error))

struct instance_schedule {
  std::string cron;
  std::int64_t scheduled_time = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_schedule, (), (cron, scheduled_time))

/// An instance with its parameters, outcome and step log.
struct instance_details {
  instance_status status;
  boost::json::value params;
  std::optional<trigger_info> trigger;
  std::string version_id;
  std::string queued;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<error_info> error;
  boost::json::value output;  ///< the workflow's return value, any JSON
  std::int64_t step_count = 0;
  std::vector<instance_step> steps;  ///< empty when asked with simple = true
  std::optional<rollback_info> rollback;
  std::optional<instance_schedule> schedule;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_details, (),
                      (status, params, trigger, version_id, queued, start, end, success, error, output, step_count, steps,
                       rollback, schedule))

/// The output of one step (JSON form).
struct step_output {
  instance_status status;
  std::optional<error_info> error;
  boost::json::value output;  ///< null until the step completes; "[REDACTED]" for sensitive steps
  std::optional<std::string> event_type;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_output, (), (status, error, output, event_type))

/// What a status change answers: the status right after it.
struct status_change_result {
  instance_status status;
  std::string timestamp;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(status_change_result, (), (status, timestamp))

/// What deleting an instance or sending it an event answers.
struct instance_ack {
  std::string instance_id;
  std::string timestamp;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_ack, (), (instance_id, timestamp))

struct batch_deleted {
  std::string id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_deleted, (), (id))

struct batch_delete_error {
  std::string id;
  std::int64_t code = 0;
  std::string message;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_delete_error, (), (id, code, message))

struct batch_delete_result {
  std::vector<batch_deleted> deleted;
  std::vector<batch_delete_error> errors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_delete_result, (), (deleted, errors))

/// A batch terminate job was started ("ok") or one is already running ("already_running").
struct batch_terminate_result {
  std::int64_t instances_terminated = 0;
  std::string status;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_terminate_result, (), (instances_terminated, status))

/// Whether a batch terminate job is running ("running") or not ("not_running").
struct terminate_job_status {
  std::string status;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(terminate_job_status, (), (status))

/// A deployed version of a workflow.
struct version {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  bool has_dag = false;
  std::string language;  ///< "javascript" or "python"
  std::optional<workflow_limits> limits;
  std::optional<retention> default_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version, (),
                      (id, workflow_id, class_name, created_on, modified_on, has_dag, language, limits, default_retention))

/// A node of a version's step graph. The API sends a recursive union discriminated by `type`;
/// the members that apply to each type:
///   step_do:                   name, config, nodes (+ starts, resolves)
///   step_sleep:                name, duration        step_sleep_until: name, timestamp
///   step_wait_for_event:       name, options, payload
///   loop, block:               nodes                 parallel: kind, nodes
///   if:                        branches              switch: discriminant, branches
///   try:                       try_block, catch_block, finally_block
///   function_call:             name                  function_def: name, nodes
///   start:                     class_name, functions, nodes, payload
///   break:                     kind ("break" or "return")
/// Branches and try blocks are kept as JSON: their inner shape is not pinned down by the API.
struct graph_node {
  std::string type;
  std::optional<std::string> name;
  std::optional<boost::json::value> duration;
  std::optional<std::string> timestamp;
  std::optional<step_config> config;
  std::optional<boost::json::object> options;
  std::optional<boost::json::value> payload;
  std::optional<std::string> kind;
  std::optional<std::string> discriminant;
  std::optional<std::string> class_name;
  std::vector<graph_node> nodes;
  std::map<std::string, graph_node, std::less<>> functions;
  std::optional<boost::json::value> branches;
  std::optional<boost::json::value> try_block;
  std::optional<boost::json::value> catch_block;
  std::optional<boost::json::value> finally_block;
  std::optional<std::int64_t> starts;
  std::optional<std::int64_t> resolves;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_node, (),
                      (type, name, duration, timestamp, config, options, payload, kind, discriminant, class_name, nodes,
                       functions, branches, try_block, catch_block, finally_block, starts, resolves))

struct graph_workflow {
  std::string class_name;
  std::map<std::string, graph_node, std::less<>> functions;
  std::vector<graph_node> nodes;
  std::optional<boost::json::value> payload;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_workflow, (), (class_name, functions, nodes, payload))

struct workflow_graph {
  double version = 0;
  graph_workflow workflow;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_graph, (), (version, workflow))

/// A version with its step graph (null when the version has none).
struct version_graph {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  std::optional<workflow_graph> graph;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version_graph, (), (id, workflow_id, class_name, created_on, modified_on, graph))

/// A version with its DAG (null when the version has none).
struct version_dag {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  std::optional<boost::json::value> dag;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version_dag, (), (id, workflow_id, class_name, created_on, modified_on, dag))

/// Account-wide defaults of the Workflows service. Not an aggregate, so it is safe to build in
/// a co_await expression on g++ 12.
struct workflow_settings {
  workflow_settings() {}
  std::optional<retention> default_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_settings, (), (default_retention))

/// The camelCase exceptions of this snake_case API.
constexpr std::string_view json_rename(const instance_details*, std::string_view member) {
  return member == "version_id" ? "versionId" : "";
}
constexpr std::string_view json_rename(const instance_schedule*, std::string_view member) {
  return member == "scheduled_time" ? "scheduledTime" : "";
}
constexpr std::string_view json_rename(const instance_ack*, std::string_view member) {
  return member == "instance_id" ? "instanceId" : "";
}
constexpr std::string_view json_rename(const batch_terminate_result*, std::string_view member) {
  return member == "instances_terminated" ? "instancesTerminated" : "";
}

}  // namespace flowsdk::cloudflare

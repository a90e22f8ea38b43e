#pragma once
// Parameters of the Cloudflare Workflows methods. Each type has a user-provided constructor,
// so it is safe to build inline in a co_await expression on g++ 12 (DESIGN.md section 4).

#include "flowsdk/cloudflare/models.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

/// Filters of list_workflows (page mode).
class list_workflows_params {
 public:
  list_workflows_params() {}

  std::optional<std::string> search;  ///< substring of the name
  std::optional<int> per_page;        ///< 1..100, server default 10
  std::optional<int> page;            ///< start page, default 1
};

struct workflow_schedule_input {
  std::string cron;
};
BOOST_DESCRIBE_STRUCT(workflow_schedule_input, (), (cron))

/// The body of put_workflow: deploys a class of a Worker script as a workflow.
class workflow_put {
 public:
  workflow_put(std::string class_name, std::string script_name)
      : class_name(std::move(class_name)), script_name(std::move(script_name)) {}

  std::string class_name;
  std::string script_name;
  std::optional<retention> default_retention;
  std::optional<workflow_limits> limits;
  std::optional<std::vector<workflow_schedule_input>> schedules;
};
BOOST_DESCRIBE_STRUCT(workflow_put, (), (class_name, script_name, default_retention, limits, schedules))

/// How list_instances walks the list.
enum class pagination_mode {
  cursor,  ///< the API's recommended mode: opaque cursors, stable under inserts
  page,    ///< deprecated page numbers, kept for parity
};

/// Filters of list_instances.
class list_instances_params {
 public:
  list_instances_params() {}

  std::optional<instance_status> status;
  std::optional<std::string> date_start;  ///< ISO-8601 UTC ("2026-11-22T10:00:00Z"), on created_on
  std::optional<std::string> date_end;
  std::optional<std::string> direction;   ///< "asc" or "desc" (server default desc)
  std::optional<int> per_page;            ///< 1..100, server default 50
  pagination_mode mode = pagination_mode::cursor;
};

/// Options of get_instance.
class get_instance_params {
 public:
  get_instance_params() {}

  bool simple = false;                ///< leave out the step log (step_count stays)
  std::optional<std::string> order;   ///< "asc" (default) or "desc": newest steps first
};

/// One instance to create.
class instance_create {
 public:
  explicit instance_create(boost::json::value params = nullptr) : params(std::move(params)) {}

  /// Leave empty to let the client choose a random id (a UUID): that makes the create safe to
  /// retry, because a replay is refused as a duplicate and then answered from the stored
  /// instance. Set it to choose your own (1..100 of [a-zA-Z0-9_-], not starting with "-").
  std::string instance_id;
  boost::json::value params;  ///< handed to the workflow's run(); sent as a JSON string by default
  std::optional<retention> instance_retention;
  std::optional<std::string> location_hint;  ///< "wnam", "weur", "enam", "eeur", "apac", "oc", ...
};

/// Which step output to read.
class step_output_params {
 public:
  explicit step_output_params(std::string name, std::string type = "step") : name(std::move(name)), type(std::move(type)) {}

  std::string name;               ///< the step's name as in the step log, with its counter suffix ("charge-1")
  std::string type;               ///< "step" or "waitForEvent"
  std::optional<int> attempt;     ///< a particular attempt (not for waitForEvent)
};

/// A change of an instance's status, for change_instance_status.
class status_change {
 public:
  /// Pauses after the step in flight. Safe to repeat.
  static status_change pause();
  /// Resumes a paused (or pausing) instance. Safe to repeat.
  static status_change resume();
  /// Stops the instance; with rollback its rollback steps run first.
  static status_change terminate(bool rollback = false);
  /// Starts over with the same id and params, from the beginning or from a step.
  static status_change restart();
  static status_change restart_from(std::string step_name, std::optional<int> count = std::nullopt,
                                    std::optional<std::string> step_type = std::nullopt);

  const boost::json::object& to_json() const noexcept { return json_; }
  /// pause and resume can be sent twice without changing the outcome.
  bool repeatable() const noexcept { return repeatable_; }

 private:
  status_change(boost::json::object json, bool repeatable) : json_(std::move(json)), repeatable_(repeatable) {}
  boost::json::object json_;
  bool repeatable_;
};

/// A page request for versions.
class list_versions_params {
 public:
  list_versions_params() {}

  std::optional<int> per_page;  ///< 1..100, server default 50
  std::optional<int> page;
};

}  // namespace flowsdk::cloudflare

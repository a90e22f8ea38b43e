#pragma once
// Models of the Imbrace flow engine (Activepieces). JSON keys are camelCase; members are
// snake_case. Keys this release does not know are kept in `extra`; enumerations are open.
// Timestamps are ISO-8601 strings as the server sends them ("2026-11-22T10:00:00.000Z").

#include "flowsdk/core/json.hpp"
#include "flowsdk/core/open_enum.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Whether a flow's published version runs when triggered.
class flow_status : public open_enum<flow_status> {
 public:
  using open_enum::open_enum;
  static const flow_status enabled;
  static const flow_status disabled;
};
inline const flow_status flow_status::enabled{"ENABLED"};
inline const flow_status flow_status::disabled{"DISABLED"};

/// The state of a run. The server adds values over time; compare with the constants and treat
/// anything else as "not finished successfully".
class flow_run_status : public open_enum<flow_run_status> {
 public:
  using open_enum::open_enum;
  static const flow_run_status queued;
  static const flow_run_status running;
  static const flow_run_status paused;
  static const flow_run_status succeeded;
  static const flow_run_status failed;
  static const flow_run_status timeout;
  static const flow_run_status canceled;
  static const flow_run_status quota_exceeded;
  static const flow_run_status internal_error;
  static const flow_run_status memory_limit_exceeded;

  /// True for statuses after which the run changes no more.
  bool is_terminal() const noexcept;
};
inline const flow_run_status flow_run_status::queued{"QUEUED"};
inline const flow_run_status flow_run_status::running{"RUNNING"};
inline const flow_run_status flow_run_status::paused{"PAUSED"};
inline const flow_run_status flow_run_status::succeeded{"SUCCEEDED"};
inline const flow_run_status flow_run_status::failed{"FAILED"};
inline const flow_run_status flow_run_status::timeout{"TIMEOUT"};
inline const flow_run_status flow_run_status::canceled{"CANCELED"};
inline const flow_run_status flow_run_status::quota_exceeded{"QUOTA_EXCEEDED"};
inline const flow_run_status flow_run_status::internal_error{"INTERNAL_ERROR"};
inline const flow_run_status flow_run_status::memory_limit_exceeded{"MEMORY_LIMIT_EXCEEDED"};

/// A version of a flow: its trigger, with the steps linked from it through `nextAction`.
struct flow_version {
  std::string id;
  std::string created;
  std::string updated;
  std::string flow_id;
  std::string display_name;
  boost::json::object trigger;      ///< {name, type, settings, nextAction?, ...}
  bool valid = false;
  std::string state;                ///< "DRAFT" or "LOCKED"
  std::optional<std::string> updated_by;
  std::vector<std::string> connection_ids;
  std::vector<std::string> agent_ids;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow_version, (),
                      (id, created, updated, flow_id, display_name, trigger, valid, state, updated_by,
                       connection_ids, agent_ids))

/// A flow with its current (draft or published) version.
struct flow {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> folder_id;
  flow_status status;
  std::string operation_status;     ///< "NONE", "ENABLING", "DISABLING", "DELETING"
  std::optional<std::string> published_version_id;
  flow_version version;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow, (),
                      (id, created, updated, project_id, external_id, folder_id, status, operation_status,
                       published_version_id, version))

/// The step a failed run stopped at.
struct failed_step {
  std::string name;
  std::string display_name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(failed_step, (), (name, display_name))

/// One execution of a flow.
struct flow_run {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string flow_id;
  std::string flow_version_id;
  flow_run_status status;
  std::string environment;          ///< "PRODUCTION" or "TESTING"
  std::optional<std::string> start_time;
  std::optional<std::string> finish_time;
  bool fail_parent_on_failure = false;
  std::vector<std::string> tags;
  std::optional<std::string> parent_run_id;
  std::optional<imbrace::failed_step> failed_step;
  /// Per-step results, keyed by step name. Only get_run fills it; lists leave it empty.
  std::optional<boost::json::object> steps;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow_run, (),
                      (id, created, updated, project_id, flow_id, flow_version_id, status, environment, start_time,
                       finish_time, fail_parent_on_failure, tags, parent_run_id, failed_step, steps))

/// What the asynchronous webhook trigger answers: the run was queued.
struct webhook_result {
  std::string webhook_id;     ///< the `x-webhook-id` header: identifies the queued run's trigger event
  boost::json::value body;    ///< `{}` from the engine
};

/// What the synchronous webhook trigger answers: the flow's own response.
struct sync_webhook_result {
  unsigned status = 0;          ///< the flow's status; 204 when it gave no response in time
  http::header_list headers;
  std::string body;             ///< raw bytes, whatever the content type
  std::optional<boost::json::value> json;  ///< the body parsed, when it is JSON
  std::string webhook_id;

  /// True when the engine gave up waiting for the flow's response (204, empty body).
  bool no_response() const noexcept { return status == 204; }
};

}  // namespace flowsdk::imbrace

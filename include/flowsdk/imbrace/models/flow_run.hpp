#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/failed_step.hpp"
#include "flowsdk/imbrace/models/flow_run_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// One execution of a flow.
struct flow_run {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string flow_id;
  std::string flow_version_id;
  flow_run_status status;
  std::string environment;  ///< "PRODUCTION" or "TESTING"
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

}  // namespace flowsdk::imbrace

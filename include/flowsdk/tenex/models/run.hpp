#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/run_error.hpp"
#include "flowsdk/tenex/models/run_status.hpp"
#include "flowsdk/tenex/models/run_trigger.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// One execution of a workflow version.
struct run {
  std::string id;
  std::string workflow_id;
  std::int64_t version = 0;  ///< the workflow version it runs, from 1
  run_status status;
  run_trigger trigger;
  boost::json::object input;  ///< the typed input payload it was started with
  boost::json::value output;  ///< any JSON; null until it succeeds
  std::optional<run_error> error;
  std::optional<std::string> current_step_id;
  std::string created_at;
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(run, (),
                      (id, workflow_id, version, status, trigger, input, output, error, current_step_id, created_at,
                       started_at, finished_at))

}  // namespace flowsdk::tenex

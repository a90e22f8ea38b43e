#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/run_error.hpp"
#include "flowsdk/tenex/models/step_status.hpp"
#include "flowsdk/tenex/models/step_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// One attempt of one step of a run: an entry of the run's per-step trace.
struct step_run {
  std::string step_id;
  step_type type;
  step_status status;
  std::int64_t attempt = 1;  ///< from 1
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
  boost::json::value input;   ///< any JSON; null when absent
  boost::json::value output;  ///< any JSON; null when absent
  std::optional<run_error> error;
  std::optional<std::string> branch_taken;  ///< a branch step: the edge it took
  std::optional<std::string> agent_run_id;  ///< an agent step: its run in the agents module
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_run, (),
                      (step_id, type, status, attempt, started_at, finished_at, input, output, error, branch_taken,
                       agent_run_id))

}  // namespace flowsdk::tenex

#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// Why a run or a step attempt failed. Runs and run events name the failed step; a step's own
/// error leaves step_id empty.
struct run_error {
  std::string code;
  std::string message;
  std::optional<std::string> step_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(run_error, (), (code, message, step_id))

}  // namespace flowsdk::tenex

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// The output of one step (JSON form).
struct step_output {
  instance_status status;
  std::optional<error_info> error;
  boost::json::value output;  ///< null until the step completes; "[REDACTED]" for sensitive steps
  std::optional<std::string> event_type;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_output, (), (status, error, output, event_type))

}  // namespace flowsdk::cloudflare

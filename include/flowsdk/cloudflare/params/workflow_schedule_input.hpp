#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// A cron schedule for workflow_put.
struct workflow_schedule_input {
  std::string cron;
};
BOOST_DESCRIBE_STRUCT(workflow_schedule_input, (), (cron))

}  // namespace flowsdk::cloudflare

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// A cron schedule of a workflow, with the time of its next instance.
struct workflow_schedule {
  std::string cron;
  std::optional<std::string> next_instance;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_schedule, (), (cron, next_instance))

}  // namespace flowsdk::cloudflare

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// Whether a batch terminate job is running ("running") or not ("not_running").
struct terminate_job_status {
  std::string status;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(terminate_job_status, (), (status))

}  // namespace flowsdk::cloudflare

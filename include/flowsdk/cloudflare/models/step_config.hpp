#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/step_retries.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// The retry and timeout configuration of a step.
struct step_config {
  step_retries retries;
  boost::json::value timeout;            ///< milliseconds or a duration string
  std::optional<std::string> sensitive;  ///< "output": the output is redacted
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_config, (), (retries, timeout, sensitive))

}  // namespace flowsdk::cloudflare

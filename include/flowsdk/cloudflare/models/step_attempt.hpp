#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// One attempt of a step.
struct step_attempt {
  std::string start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<error_info> error;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_attempt, (), (start, end, success, error))

}  // namespace flowsdk::cloudflare

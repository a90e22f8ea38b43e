#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// An error as instances and steps report it.
struct error_info {
  std::string name;
  std::string message;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(error_info, (), (name, message))

}  // namespace flowsdk::cloudflare

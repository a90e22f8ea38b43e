#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace flowsdk::cloudflare {

/// An instance remove_batch could not delete, and why.
struct batch_delete_error {
  std::string id;
  std::int64_t code = 0;
  std::string message;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_delete_error, (), (id, code, message))

}  // namespace flowsdk::cloudflare

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// An instance remove_batch deleted.
struct batch_deleted {
  std::string id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_deleted, (), (id))

}  // namespace flowsdk::cloudflare

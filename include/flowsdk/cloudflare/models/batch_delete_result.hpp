#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/batch_delete_error.hpp"
#include "flowsdk/cloudflare/models/batch_deleted.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <vector>

namespace flowsdk::cloudflare {

/// What remove_batch answers: per id, deleted or not.
struct batch_delete_result {
  std::vector<batch_deleted> deleted;
  std::vector<batch_delete_error> errors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_delete_result, (), (deleted, errors))

}  // namespace flowsdk::cloudflare

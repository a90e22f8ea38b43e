#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include <boost/json/value.hpp>

#include <string>

namespace flowsdk::imbrace {

/// What the asynchronous webhook trigger answers: the run was queued.
struct webhook_result {
  std::string webhook_id;   ///< the `x-webhook-id` header: identifies the queued run's trigger event
  boost::json::value body;  ///< `{}` from the engine
};

}  // namespace flowsdk::imbrace

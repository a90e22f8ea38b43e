#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/trigger_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// What started a run, as the run records it.
struct run_trigger {
  trigger_type type;
  std::optional<std::string> source;      ///< e.g. the CRM or connector the event came from
  std::optional<std::string> trigger_id;  ///< the external trigger that fired, if one did
  std::optional<std::string> event_id;    ///< the event that fired it
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(run_trigger, (), (type, source, trigger_id, event_id))

}  // namespace flowsdk::tenex

#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/step_retry.hpp"
#include "flowsdk/tenex/models/step_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// One step of a workflow graph. `config` depends on `type` (see step_type; graph_builder
/// writes it for each type).
struct graph_step {
  std::string id;  ///< unique in the graph
  step_type type;
  std::string name;
  boost::json::object config;
  std::optional<step_retry> retry;
  std::optional<std::string> fallback_step_id;  ///< taken when the step fails after its retries
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_step, (), (id, type, name, config, retry, fallback_step_id))

}  // namespace flowsdk::tenex

#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::tenex {

/// The body of templates::instantiate, `{name?, inputs, activate?}`.
class template_inputs {
 public:
  template_inputs() {}
  explicit template_inputs(boost::json::object inputs) : inputs(std::move(inputs)) {}

  std::optional<std::string> name;  ///< the new workflow's name; the template's when absent
  boost::json::object inputs;       ///< checked by the server against the template's inputs_schema (422)
  std::optional<bool> activate;     ///< activate version 1 at once (the workflow is then `active`)
};
BOOST_DESCRIBE_STRUCT(template_inputs, (), (name, inputs, activate))

}  // namespace flowsdk::tenex

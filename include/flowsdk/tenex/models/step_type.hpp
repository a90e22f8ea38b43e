#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The kind of a graph step, which fixes the shape of its `config` (docs/tenex.md, "Step config").
class step_type : public open_enum<step_type> {
 public:
  using open_enum::open_enum;
  static const step_type agent;             ///< runs a crew: `{crew_id, input_mapping?}`
  static const step_type connector_action;  ///< `{connector, action, params}`
  static const step_type branch;            ///< `{}`: the conditions are on the outgoing edges
  static const step_type wait;              ///< `{mode: "delay", ...}` or `{mode: "event", ...}`
};
inline const step_type step_type::agent{"agent"};
inline const step_type step_type::connector_action{"connector_action"};
inline const step_type step_type::branch{"branch"};
inline const step_type step_type::wait{"wait"};

}  // namespace flowsdk::tenex

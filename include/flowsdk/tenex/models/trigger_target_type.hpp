#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// What an external trigger does when it fires: start a run of its workflow, or deliver the
/// event to a webhook (`target_url`), 10ex's way of subscribing to events programmatically.
class trigger_target_type : public open_enum<trigger_target_type> {
 public:
  using open_enum::open_enum;
  static const trigger_target_type workflow;
  static const trigger_target_type webhook;
};
inline const trigger_target_type trigger_target_type::workflow{"workflow"};
inline const trigger_target_type trigger_target_type::webhook{"webhook"};

}  // namespace flowsdk::tenex

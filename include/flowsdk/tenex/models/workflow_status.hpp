#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The state of a workflow: `draft` until a version is activated, then `active` or `paused`
/// (workflows::update), until `archived` (workflows::archive, final).
class workflow_status : public open_enum<workflow_status> {
 public:
  using open_enum::open_enum;
  static const workflow_status draft;
  static const workflow_status active;
  static const workflow_status paused;
  static const workflow_status archived;
};
inline const workflow_status workflow_status::draft{"draft"};
inline const workflow_status workflow_status::active{"active"};
inline const workflow_status workflow_status::paused{"paused"};
inline const workflow_status workflow_status::archived{"archived"};

}  // namespace flowsdk::tenex

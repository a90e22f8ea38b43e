#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The state of a workflow version: exactly one version of an activated workflow is `active`
/// (new runs use it); an `archived` one keeps its run history but can no longer be activated.
class version_state : public open_enum<version_state> {
 public:
  using open_enum::open_enum;
  static const version_state active;
  static const version_state inactive;
  static const version_state archived;
};
inline const version_state version_state::active{"active"};
inline const version_state version_state::inactive{"inactive"};
inline const version_state version_state::archived{"archived"};

}  // namespace flowsdk::tenex

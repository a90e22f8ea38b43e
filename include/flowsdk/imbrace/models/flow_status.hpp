#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::imbrace {

/// Whether a flow's published version runs when triggered.
class flow_status : public open_enum<flow_status> {
 public:
  using open_enum::open_enum;
  static const flow_status enabled;
  static const flow_status disabled;
};
inline const flow_status flow_status::enabled{"ENABLED"};
inline const flow_status flow_status::disabled{"DISABLED"};

}  // namespace flowsdk::imbrace

#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::cloudflare {

/// The state of an instance.
class instance_status : public open_enum<instance_status> {
 public:
  using open_enum::open_enum;
  static const instance_status queued;
  static const instance_status running;
  static const instance_status paused;
  static const instance_status errored;
  static const instance_status terminated;
  static const instance_status complete;
  static const instance_status waiting_for_pause;
  static const instance_status waiting;
  static const instance_status rolling_back;

  /// complete, errored or terminated: nothing changes any more.
  bool is_terminal() const noexcept;
};
inline const instance_status instance_status::queued{"queued"};
inline const instance_status instance_status::running{"running"};
inline const instance_status instance_status::paused{"paused"};
inline const instance_status instance_status::errored{"errored"};
inline const instance_status instance_status::terminated{"terminated"};
inline const instance_status instance_status::complete{"complete"};
inline const instance_status instance_status::waiting_for_pause{"waitingForPause"};
inline const instance_status instance_status::waiting{"waiting"};
inline const instance_status instance_status::rolling_back{"rollingBack"};

}  // namespace flowsdk::cloudflare

#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::cloudflare {

/// A change of an instance's status, for change_instance_status.
class status_change {
 public:
  /// Pauses after the step in flight. Safe to repeat.
  static status_change pause();
  /// Resumes a paused (or pausing) instance. Safe to repeat.
  static status_change resume();
  /// Stops the instance; with rollback its rollback steps run first.
  static status_change terminate(bool rollback = false);
  /// Starts over with the same id and params, from the beginning or from a step.
  static status_change restart();
  static status_change restart_from(std::string step_name, std::optional<int> count = std::nullopt,
                                    std::optional<std::string> step_type = std::nullopt);

  const boost::json::object& to_json() const noexcept { return json_; }
  /// pause and resume can be sent twice without changing the outcome.
  bool repeatable() const noexcept { return repeatable_; }

 private:
  status_change(boost::json::object json, bool repeatable) : json_(std::move(json)), repeatable_(repeatable) {}
  boost::json::object json_;
  bool repeatable_;
};

}  // namespace flowsdk::cloudflare

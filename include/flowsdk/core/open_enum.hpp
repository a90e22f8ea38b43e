#pragma once
// An enumeration that stays open: a value the SDK does not know yet (a status a server added
// after this release) is carried as its string instead of failing the whole decode.

#include <string>
#include <string_view>
#include <utility>

namespace flowsdk {

/// Base of every open enumeration. `Derived` declares the known values as static constants:
///
///     class flow_status : public open_enum<flow_status> {
///      public:
///       using open_enum::open_enum;
///       static const flow_status enabled;
///     };
///     inline const flow_status flow_status::enabled{"ENABLED"};
template <class Derived>
class open_enum {
 public:
  open_enum() = default;
  explicit open_enum(std::string wire_value) : value_(std::move(wire_value)) {}

  /// The value exactly as it appears on the wire ("SUCCEEDED"); empty when absent.
  const std::string& value() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }

  friend bool operator==(const Derived& a, const Derived& b) noexcept { return a.value_ == b.value_; }
  friend bool operator==(const Derived& a, std::string_view b) noexcept { return a.value_ == b; }

 private:
  std::string value_;
};

}  // namespace flowsdk

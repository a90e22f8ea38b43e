#pragma once
#include "flowsdk/core/error.hpp"

#include <exception>
#include <stdexcept>
#include <utility>
#include <variant>

namespace flowsdk {

/// The result of one item of a batch: a value or the exception that replaced it.
template <class T>
class outcome {
 public:
  outcome() = default;
  explicit outcome(T value) : state_(std::move(value)) {}
  explicit outcome(std::exception_ptr failure) : state_(std::move(failure)) {}

  bool has_value() const noexcept { return std::holds_alternative<T>(state_); }
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; rethrows the failure if there is none.
  T& value() & {
    rethrow_if_failed();
    return std::get<T>(state_);
  }
  const T& value() const& {
    rethrow_if_failed();
    return std::get<T>(state_);
  }
  T&& value() && {
    rethrow_if_failed();
    return std::get<T>(std::move(state_));
  }

  /// The failure as flowsdk::error, or null if it succeeded or failed with another exception.
  const flowsdk::error* error() const noexcept {
    const auto* p = std::get_if<std::exception_ptr>(&state_);
    if (!p || !*p) return nullptr;
    try {
      std::rethrow_exception(*p);
    } catch (const flowsdk::error& e) {
      return &e;  // points into the exception object, which *p keeps alive
    } catch (...) {
      return nullptr;
    }
  }
  std::exception_ptr exception() const noexcept {
    const auto* p = std::get_if<std::exception_ptr>(&state_);
    return p ? *p : nullptr;
  }

 private:
  void rethrow_if_failed() const {
    if (const auto* p = std::get_if<std::exception_ptr>(&state_)) {
      if (*p) std::rethrow_exception(*p);
      throw std::logic_error("flowsdk::outcome: no value and no failure (default-constructed)");
    }
  }

  std::variant<std::exception_ptr, T> state_;
};

}  // namespace flowsdk

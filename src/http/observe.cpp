#include "observe.hpp"

#include "flowsdk/core/error.hpp"

namespace flowsdk::http::detail {

void notify(observer& to, const attempt_event& e) noexcept {
  try {
    to.on_attempt(e);
  } catch (...) {
    // A hook must not change the call's outcome (docs/observability.md).
  }
}

void notify(observer& to, const pool_event& e) noexcept {
  try {
    to.on_pool_event(e);
  } catch (...) {
    // As above.
  }
}

std::string_view errc_name(std::error_code ec) noexcept {
  return ec.category() == error_category() ? flowsdk::errc_name(static_cast<errc>(ec.value())) : "error";
}

}  // namespace flowsdk::http::detail

#pragma once
// The one decision of whether a request may be sent again after it may have reached the
// server. The transport's retry loop and the pool's resend after a stale reused socket both ask
// it; nothing else in the SDK decides.

namespace flowsdk::http {

class request;

/// What an operation declares about sending its request twice, beyond what its method implies.
enum class idempotency {
  by_method,       ///< GET, HEAD, PUT, DELETE and OPTIONS may be repeated; POST and PATCH may not
  idempotent,      ///< a second send cannot change the outcome (e.g. a create with a client-chosen id)
  not_idempotent,  ///< a second send may repeat a side effect, whatever the method (e.g. a restart)
};

/// Whether a request may be sent again, and why (a fixed English phrase, for logs and errors).
struct resend_safety {
  bool allowed = false;
  const char* reason = "";
};

/// Decides, in this order: the operation's declared idempotency; an `Idempotency-Key` header
/// (the server then deduplicates); the method. A request that is not allowed is still resent
/// when the failure proves it never left (no connection, connect failed): that is the
/// transport's knowledge, not the request's.
resend_safety resend_safety_of(const request& req) noexcept;

}  // namespace flowsdk::http

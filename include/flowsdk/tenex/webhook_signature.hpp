#pragma once
// Verifying a 10ex webhook delivery: `X-10ex-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw
// body under the workspace's webhook secret (https://docs.10ex.ai/reference/webhooks;
// docs/tenex.md, "Webhooks").

#include "flowsdk/http/request.hpp"

#include <string_view>

namespace flowsdk::tenex {

/// The header 10ex signs with. Not `X-Tenex-Signature`, which the guide warns against.
inline constexpr std::string_view webhook_signature_header = "X-10ex-Signature";

/// What verify_signature found. Only `valid` means the delivery is authentic; every other value
/// says why not, without revealing the secret or the expected MAC (there is nothing to reveal:
/// no value carries data).
enum class webhook_signature_status {
  valid,              ///< the MAC matches the body
  mismatch,           ///< well-formed, but not the body's MAC under this secret: reject the delivery
  missing_prefix,     ///< the value does not start with `sha256=`
  not_hex,            ///< a character after `sha256=` is not a hex digit
  wrong_length,       ///< hex, but not the 64 digits of a SHA-256 MAC
  empty_secret,       ///< the secret passed in is empty: nothing can be verified with it
  missing_header,     ///< the request has no X-10ex-Signature header
  wrong_header_name,  ///< no X-10ex-Signature, but an X-Tenex-Signature: a misconfigured sender or proxy
  duplicate_header,   ///< more than one X-10ex-Signature: ambiguous, refused
};

/// A short English description of `s`, for logs and error replies.
const char* describe(webhook_signature_status s) noexcept;

/// Checks the value of an X-10ex-Signature header (`sha256=<64 hex digits>`, either case, blanks
/// around it ignored) against the HMAC-SHA256 of `raw_body`, the bytes exactly as received
/// (before any JSON parsing or re-serialising), under `secret`. Compares in constant time.
/// Never throws.
webhook_signature_status verify_signature(std::string_view raw_body, std::string_view signature_header_value,
                                          std::string_view secret) noexcept;

/// The same, finding the header in a request's headers (names compared case-insensitively), and
/// telling a missing header from one sent under the wrong name. Never throws.
webhook_signature_status verify_signature(std::string_view raw_body, const http::header_list& headers,
                                          std::string_view secret) noexcept;

}  // namespace flowsdk::tenex

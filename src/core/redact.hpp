#pragma once
// The error model's redaction (src/core/error.cpp), for text that leaves the SDK other than in
// an error: what an observer sees of a request (src/http/observe.cpp).

#include <string>
#include <string_view>

namespace flowsdk::detail {

/// `text` with every credential-shaped word (`tnx_...` keys, JWTs) replaced by "<redacted>".
std::string redact_credential_words(std::string_view text);

/// A request target with the value of every query parameter whose name looks secret replaced
/// by "<redacted>": the names docs/errors.md lists, plus `key`, `sig` and `code` (an OAuth
/// code, a signed URL's key and signature), with percent-escapes in the name decoded; and with
/// credential-shaped words redacted anywhere in it.
std::string redact_target(std::string_view target);

}  // namespace flowsdk::detail

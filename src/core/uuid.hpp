#pragma once
// Random identifiers the client chooses itself: Cloudflare instance ids, idempotency keys.

#include <string>

namespace flowsdk::detail {

/// A random version-4 UUID in its canonical lowercase form; thread-safe.
std::string random_uuid();

}  // namespace flowsdk::detail

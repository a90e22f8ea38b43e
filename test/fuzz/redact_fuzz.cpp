// Fuzz target: the body excerpt of flowsdk::error (src/core/error.cpp: truncation, then the
// redaction of credential values) and the vendors' error-body decoders that run before it
// (src/imbrace/client.cpp, src/cloudflare/requests.cpp, src/tenex/requests.cpp). Input: a response body. A credential
// (a name from the list in docs/errors.md, spelt with the variations it allows, and a fresh
// value) is also planted into it at a place, in a form, chosen from the input's hash.
//
// Invariants (docs/errors.md, "credentials never appear in an error"):
//  1. The error body never holds the planted credential value, in any of the forms the document
//     names: a JSON string, number, array or object, `name=value` text and `name: value` text
//     (an echoed `Authorization: Bearer ...` header among them); nor does what().
//  2. A body with neither ':' nor '=' in its first body_excerpt_limit bytes, and no word shaped
//     like a credential (`tnx_...`, a JWT `eyJ...`), comes back as those bytes, unchanged:
//     redaction only replaces values after a name and one of those, and such words.
//  3. The vendors' error decoders never throw, whatever the body (they run while an error is
//     being built); a Cloudflare vendor_code/vendor_message is its first vendor error.
//  4. errc_from_status maps 4xx to a client error code and 5xx to server_error.

#include "fuzz_check.hpp"

#include "cloudflare/client_state.hpp"
#include "imbrace/client_state.hpp"
#include "tenex/client_state.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/response.hpp"

#include <string>
#include <string_view>

namespace {

using flowsdk::errc;
using flowsdk::error;
using flowsdk::error_details;

constexpr std::string_view secret_names[] = {
    "token",     "access_token",  "refreshToken", "client_secret", "password",
    "passwd",    "pwd",           "api_key",      "apiKey",        "X-Auth-Key",
    "authKey",   "Authorization", "credentials",  "private_key",   "privateKey",
    "jwt",       "Cookie",        "Set-Cookie",   "session_id",    "sessionToken",
    "signature", "bearer",        "id_token",     "db.password",   "AWS_SECRET_ACCESS_KEY"};

// The name as a body may spell it: some letters in another case, some as JSON escapes (\u0074).
std::string spelt(std::string_view name, flowsdk::fuzz::choices& pick, bool json) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (char c : name) {
    const auto how = pick.below(8);
    if (json && how == 0) {
      out += "\\u00";
      out += hex[static_cast<unsigned char>(c) >> 4];
      out += hex[c & 15];
    } else if (how == 1 && c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else {
      out += c;
    }
  }
  return out;
}

// A value that cannot come from the rest of the body or from "<redacted>".
std::string fresh_secret(flowsdk::fuzz::choices& pick, bool digits_only) {
  static constexpr std::string_view alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  std::string s = digits_only ? "9" : "Q";
  while (s.size() < 16)
    s += digits_only ? static_cast<char>('0' + pick.below(10)) : alphabet[pick.below(alphabet.size())];
  return s;
}

// `"name": value` in one of the forms docs/errors.md lists, or `name=value` or `name: value` text.
std::string planted(std::string_view name, const std::string& secret, std::size_t form, flowsdk::fuzz::choices& pick) {
  const std::string blank = pick.below(2) ? " " : "";
  const std::string json_key = ",\"" + spelt(name, pick, true) + "\"" + blank + ":" + blank;
  switch (form) {
    case 0:
      return json_key + "\"" + secret + "\"";
    case 1:
      return json_key + secret;  // digits only
    case 2:
      return json_key + "[\"" + secret + "\", 1]";
    case 3:
      return json_key + "{\"value\": \"" + secret + "\"}";
    case 4:
      return "&" + spelt(name, pick, false) + "=" + secret + "&";
    case 5:
      return "\n" + spelt(name, pick, false) + ": " + secret + "\n";
    default:
      return "\nAuthorization: Bearer " + secret + "\n";
  }
}

void check_planted(std::string_view body, std::uint64_t seed) {
  flowsdk::fuzz::choices pick(seed);
  const std::size_t form = pick.below(7);
  const std::string secret = fresh_secret(pick, form == 1);
  if (body.find(secret) != std::string_view::npos) return;
  const std::string_view name = secret_names[pick.below(std::size(secret_names))];
  const std::size_t at = pick.below(body.size() + 1);
  std::string with_secret(body.substr(0, at));
  with_secret += planted(name, secret, form, pick);
  with_secret += body.substr(at);

  error_details d;
  d.body = with_secret;
  const error e(errc::bad_request, std::move(d));
  if (e.details().body.find(secret) != std::string::npos) {
    std::fprintf(stderr, "the value of \"%.*s\" survives in the error body:\n%s\n", static_cast<int>(name.size()),
                 name.data(), e.details().body.c_str());
    FUZZ_CHECK(!"a credential value is redacted");
  }
  FUZZ_CHECK(std::string_view(e.what()).find(secret) == std::string_view::npos);
}

void check_plain(std::string_view body) {
  error_details d;
  d.body = body;
  const error e(errc::server_error, std::move(d));
  const std::string_view excerpt = body.substr(0, error_details::body_excerpt_limit);
  if (excerpt.find_first_of(":=") == std::string_view::npos && excerpt.find("tnx_") == std::string_view::npos &&
      excerpt.find("eyJ") == std::string_view::npos)
    FUZZ_CHECK(e.details().body == excerpt);
}

void check_vendor_decoders(std::string_view body, std::uint64_t seed) {
  flowsdk::http::response r;
  r.status = static_cast<unsigned>(400 + seed % 200);
  r.body = body;
  error_details imbrace, cloudflare, tenex;
  try {
    flowsdk::imbrace::detail::decode_error_body(r, imbrace);
    flowsdk::cloudflare::detail::decode_error_body(r, cloudflare);
    flowsdk::tenex::detail::decode_error_body(r, tenex);
  } catch (...) {
    FUZZ_CHECK(!"an error-body decoder throws");
  }
  if (!tenex.vendor_errors.empty()) FUZZ_CHECK(tenex.vendor_code == tenex.vendor_errors.front().code);
  if (!cloudflare.vendor_errors.empty()) {
    FUZZ_CHECK(cloudflare.vendor_code == cloudflare.vendor_errors.front().code);
    FUZZ_CHECK(cloudflare.vendor_message == cloudflare.vendor_errors.front().message);
  }
  const errc code = flowsdk::errc_from_status(r.status);
  if (r.status >= 500) {
    FUZZ_CHECK(code == errc::server_error);
  } else {
    FUZZ_CHECK(code >= errc::bad_request && code <= errc::client_error);
  }
  imbrace.body = body;
  const error e(code, std::move(imbrace));
  FUZZ_CHECK(e.what() != nullptr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const std::uint64_t seed = flowsdk::fuzz::hash(body);
  check_plain(body);
  check_planted(body, seed);
  check_vendor_decoders(body, seed);
  return 0;
}

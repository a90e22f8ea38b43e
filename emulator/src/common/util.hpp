#pragma once
// Small helpers shared by the emulator's translation units: timestamps, ids, base64 and the
// JSON response shapes of the APIs it emulates.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowsdk::emulator::detail {

namespace http = boost::beast::http;
namespace json = boost::json;

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

/// Milliseconds since the Unix epoch: the unit of every stored timestamp.
using epoch_ms = std::int64_t;

epoch_ms now_ms();

/// "2024-05-01T12:34:56.789Z".
std::string format_iso8601(epoch_ms t);

/// Accepts "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)" and a bare date "YYYY-MM-DD"; nullopt otherwise.
std::optional<epoch_ms> parse_iso8601(std::string_view s);

/// 21-character [0-9a-zA-Z] ids, the format of Activepieces nanoids. Not thread-safe.
class id_generator {
 public:
  explicit id_generator(std::uint64_t seed) : rng_(seed) {}
  std::string next();

 private:
  std::mt19937_64 rng_;
};

/// The whole of `s` as a decimal integer (an optional '-' and digits); nullopt otherwise.
std::optional<long long> parse_integer(std::string_view s);

std::string base64_encode(std::string_view in);
/// nullopt on any character outside the standard alphabet or on bad padding.
std::optional<std::string> base64_decode(std::string_view in);

/// Fills `res` with a JSON body and the matching headers (status, content type, length).
void set_json(http_response& res, http::status status, const json::value& body);
/// An empty body with Content-Length: 0 (never chunked).
void set_empty(http_response& res, http::status status);

/// Fastify's error object, e.g. {"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request",...}.
json::value fastify_error(http::status status, std::string_view code, std::string_view message);
/// Fastify's answer to a request that no route matches.
json::value route_not_found(const http_request& req, std::string_view path);
/// Activepieces' domain error {"code": ..., "params": {...}}.
json::value activepieces_error(std::string_view code, json::object params);

}  // namespace flowsdk::emulator::detail

namespace flowsdk::emulator::detail {

/// A parsed query string: percent-decoded pairs in the order sent.
class query_params {
 public:
  explicit query_params(std::string_view query);
  /// The first value of `key`.
  std::optional<std::string_view> get(std::string_view key) const;
  /// Every value of `key`, repeated keys and comma-joined lists alike, empty entries dropped.
  std::vector<std::string> all(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

/// The percent-decoded segments of a path: a leading and a trailing '/' are dropped, inner empty
/// segments ("a//b") kept.
std::vector<std::string> split_segments(std::string_view path);

/// Whether `list` holds `value` (credential lists, query filters).
bool contains(const std::vector<std::string>& list, std::string_view value);

/// The body as JSON; nullopt when it is not JSON (an empty body included).
std::optional<json::value> parse_json(std::string_view body);

/// Decodes %XX escapes and, when `plus_is_space`, '+' (query strings). Invalid escapes stay as is.
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace flowsdk::emulator::detail

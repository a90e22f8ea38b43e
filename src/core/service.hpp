#pragma once
// What every vendor layer needs to call one service: where it is, how to authenticate, how its
// error bodies read, and how to turn a response body into a model. Shared by all vendors.

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/json.hpp"
#include "flowsdk/core/page.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/core/url.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace flowsdk::detail {

/// Parses a response body as JSON into `storage` (default: the heap). Throws flowsdk::error
/// (errc::decode_error) naming the call.
boost::json::value parse_body(const http::response& r, std::string_view method, std::string_view target,
                              boost::json::storage_ptr storage = {});

/// Throws the decode_error for a body that parsed but did not fit the model.
[[noreturn]] void throw_decode_error(const http::response& r, std::string_view method, std::string_view target,
                                     const std::string& why);

/// Decodes a response body into T (a described model, boost::json::value, or a vector of them).
template <class T>
T decode_body(const http::response& r, std::string_view method, std::string_view target) {
  // The document only lives until it is decoded: parse it into a bump allocator on the stack
  // (malloc and free were a quarter of a get_run's instructions); the model copies what it keeps.
  unsigned char buffer[8192];
  boost::json::monotonic_resource scratch(buffer, sizeof buffer);
  const boost::json::value doc = parse_body(r, method, target, &scratch);
  try {
    return json::decode_as<T>(doc);
  } catch (const json::decode_exception& e) {
    throw_decode_error(r, method, target, e.what());
  }
}

/// A base URL with its credentials and error shape, over a shared transport.
class service {
 public:
  service(std::shared_ptr<http::transport> transport, http::base_url base, http::header_list auth_headers,
          http::error_decoder decoder)
      : transport_(std::move(transport)), base_(std::move(base)), auth_(std::move(auth_headers)), decoder_(decoder) {}

  /// A target under this service's base path.
  target_builder target() const { return target_builder(base_.path); }

  /// Sends with the credentials; returns the 2xx response or throws flowsdk::error.
  boost::asio::awaitable<http::response> send(http::request req, request_options options) const;

  /// Sends and decodes a JSON body into T.
  template <class T>
  boost::asio::awaitable<T> call(http::request req, request_options options) const {
    const std::string method(boost::beast::http::to_string(req.method));
    std::string target = req.target;
    http::response r = co_await send(std::move(req), std::move(options));
    co_return decode_body<T>(r, method, target);
  }

  /// A request whose body is `body` serialized as JSON.
  static http::request json_request(http::verb method, std::string target, const boost::json::value& body);

  const std::shared_ptr<http::transport>& transport() const noexcept { return transport_; }

 private:
  std::shared_ptr<http::transport> transport_;
  http::base_url base_;
  http::header_list auth_;
  http::error_decoder decoder_;
};

}  // namespace flowsdk::detail

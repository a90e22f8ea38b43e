#pragma once
// One vendor service as the call layer sees it: where it is (base URL over a shared transport),
// the headers every request carries (credentials), and the vendor's hooks. A vendor differs from
// another only in what it puts here, its routes, its page schemes and its models.

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/url.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/rate_budget.hpp"
#include "flowsdk/http/request.hpp"
#include "flowsdk/http/response.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace flowsdk::rest {

/// A 2xx response with the call that produced it, so that a decode error can name the call.
struct reply {
  http::response response;
  std::string_view method;  ///< static storage (beast's verb names)
  std::string target;
};

/// The vendor's part of the call layer. Each hook may be null.
struct vendor_hooks {
  /// Fills vendor_code, vendor_message and vendor_errors from a non-2xx body.
  http::error_decoder error_body = nullptr;
  /// The payload of a 2xx document (null when the document holds none), or throws flowsdk::error
  /// when the document reports a failure (Cloudflare's `success: false`). Null hook: the document
  /// itself is the payload.
  const boost::json::value* (*unwrap)(const boost::json::value& document, const reply& r) = nullptr;
  /// The member of the envelope `unwrap` returns as the payload ("result"), so that a reply can
  /// be decoded without building its document (call.hpp): the envelope's other members are
  /// handed to `unwrap` with a stand-in for the payload. Null with an `unwrap`: always the
  /// document way.
  const char* payload_key = nullptr;
};

/// Adds headers whose values change between requests (a JWT a callback refreshes); called for
/// every request, from the coroutine that sends it, possibly on several threads at once.
using header_source = std::function<void(http::header_list&)>;

class service {
 public:
  service(std::shared_ptr<http::transport> transport, http::base_url base, http::header_list headers,
          vendor_hooks hooks, header_source dynamic_headers = nullptr,
          std::shared_ptr<http::rate_budget> budget = nullptr)
      : transport_(std::move(transport)),
        base_(std::move(base)),
        headers_(std::move(headers)),
        hooks_(hooks),
        dynamic_headers_(std::move(dynamic_headers)),
        budget_(std::move(budget)) {}

  const std::shared_ptr<http::transport>& transport() const noexcept { return transport_; }
  const http::origin& origin() const noexcept { return base_.origin; }
  /// The path every target of this service starts with ("/client/v4", "/activepieces").
  const std::string& base_path() const noexcept { return base_.path; }
  /// Sent first on every request: credentials and the like.
  const http::header_list& headers() const noexcept { return headers_; }
  const vendor_hooks& hooks() const noexcept { return hooks_; }
  /// The request budget every call through this service draws on (rest::send puts it into a
  /// call's request_options that name none); null: none.
  const std::shared_ptr<http::rate_budget>& budget() const noexcept { return budget_; }

  /// A request to `target` (already under base_path()) with every header this service sends:
  /// headers(), then the dynamic ones. What rest::send sends, and what a stream opens with.
  http::request make_request(http::verb method, std::string target) const {
    http::request req(method, std::move(target));
    req.headers = headers_;
    if (dynamic_headers_) dynamic_headers_(req.headers);
    return req;
  }

 private:
  std::shared_ptr<http::transport> transport_;
  http::base_url base_;
  http::header_list headers_;
  vendor_hooks hooks_;
  header_source dynamic_headers_;
  std::shared_ptr<http::rate_budget> budget_;
};

/// What a call holds on to: a service inside a client's shared state (an aliasing pointer keeps
/// the whole state alive), so an awaitable never borrows the handle it came from.
using service_ptr = std::shared_ptr<const service>;

/// What an error about `r` starts from: method, target, status, one attempt, the body excerpt.
error_details details_of(const reply& r);

/// Throws errc::decode_error for a 2xx body that is not what the operation documents.
[[noreturn]] void throw_decode_error(const reply& r, std::string why);

}  // namespace flowsdk::rest

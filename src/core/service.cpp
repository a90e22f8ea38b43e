#include "service.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace flowsdk::detail {

namespace {
error_details details_of(const http::response& r, std::string_view method, std::string_view target) {
  error_details d;
  d.method = std::string(method);
  d.target = std::string(target);
  d.http_status = r.status;
  d.attempts = 1;
  d.body = r.body.substr(0, error_details::body_excerpt_limit);
  return d;
}
}  // namespace

boost::json::value parse_body(const http::response& r, std::string_view method, std::string_view target,
                              boost::json::storage_ptr storage) {
  if (r.body.empty()) throw_decode_error(r, method, target, "the body is empty where JSON was expected");
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(r.body, ec, std::move(storage));
  if (ec) throw_decode_error(r, method, target, "the body is not JSON: " + ec.message());
  return doc;
}

void throw_decode_error(const http::response& r, std::string_view method, std::string_view target,
                        const std::string& why) {
  auto d = details_of(r, method, target);
  d.cause = why;
  throw error(errc::decode_error, std::move(d));
}

boost::asio::awaitable<http::response> service::send(http::request req, request_options options) const {
  req.headers.insert(req.headers.begin(), auth_.begin(), auth_.end());
  co_return co_await transport_->send(base_.origin, std::move(req), std::move(options), decoder_);
}

http::request service::json_request(http::verb method, std::string target, const boost::json::value& body) {
  http::request req(method, std::move(target));
  req.body = boost::json::serialize(body);
  req.content_type = "application/json";
  return req;
}

}  // namespace flowsdk::detail

#include "flowsdk/tenex/client.hpp"

#include "client_state.hpp"

namespace flowsdk::tenex {

credentials credentials::api_key(std::string key) {
  if (key.rfind("tnx_", 0) != 0) throw_invalid_argument("a 10ex API key starts with \"tnx_\"");
  return credentials(mode::key, std::move(key));
}

credentials credentials::jwt(std::string token) {
  if (token.empty()) throw_invalid_argument("the JWT is empty");
  return credentials(mode::jwt, std::move(token));
}

credentials credentials::jwt_source(std::function<std::string()> current_token) {
  if (!current_token) throw_invalid_argument("jwt_source needs a callback");
  credentials c(mode::jwt_source, {});
  c.source_ = std::make_shared<const std::function<std::string()>>(std::move(current_token));
  return c;
}

http::header_list credentials::headers() const {
  http::header_list h;
  if (mode_ == mode::key || mode_ == mode::jwt) h.emplace_back("authorization", "Bearer " + secret_);
  return h;
}

void credentials::add_dynamic_headers(http::header_list& headers) const {
  if (!source_) return;
  std::string token = (*source_)();
  if (token.empty()) {
    error_details d;
    d.cause = "the JWT callback returned no token";
    throw error(errc::unauthorized, std::move(d));
  }
  headers.emplace_back("authorization", "Bearer " + std::move(token));
}

std::string credentials::describe() const {
  switch (mode_) {
    case mode::none:
      return "no credentials";
    case mode::key:
      return "API key (tnx_...)";
    case mode::jwt:
      return "JWT";
    case mode::jwt_source:
      return "JWT from a callback";
  }
  return "unknown";
}

namespace {
std::shared_ptr<detail::client_state> make_state(std::shared_ptr<http::transport> transport, const client_options& o) {
  http::header_list headers = o.credentials.headers();
  headers.emplace_back("accept", "application/json");
  rest::header_source dynamic;
  if (o.credentials.is_dynamic()) {
    dynamic = [creds = o.credentials](http::header_list& h) { creds.add_dynamic_headers(h); };
  }
  // One budget per client: its copies and every coroutine using them share it.
  std::shared_ptr<http::rate_budget> budget;
  if (o.requests_per_minute) budget = http::rate_budget::per_minute(*o.requests_per_minute);
  return std::make_shared<detail::client_state>(detail::client_state{
      rest::service(std::move(transport), http::base_url::parse(o.base_url), std::move(headers),
                    rest::vendor_hooks{&detail::decode_error_body, nullptr}, std::move(dynamic), std::move(budget))});
}
}  // namespace

client::client(boost::asio::any_io_executor executor, client_options options)
    : state_(make_state(std::make_shared<http::transport>(std::move(executor), options.transport), options)) {}

client::client(std::shared_ptr<http::transport> transport, client_options options)
    : state_(make_state(std::move(transport), options)) {}

http::pool_stats client::pool_stats() const { return state_->api.transport()->stats(); }

client_stats client::stats() const {
  client_stats s;
  s.pool = state_->api.transport()->stats();
  if (state_->api.budget()) s.budget = state_->api.budget()->stats();
  return s;
}

}  // namespace flowsdk::tenex

#pragma once
// Unit-test support for the 10ex client: a client over a scripted network, and header lookup.

#include "flowsdk/http/request.hpp"
#include "flowsdk/http/sender.hpp"
#include "flowsdk/tenex/client.hpp"

#include <cctype>
#include <memory>
#include <string>
#include <string_view>

namespace flowsdk::test {

/// Options of a client of `https://api.example.com/api/v1/flows` with `key` whose retries sleep
/// no time.
inline tenex::client_options tenex_unit_options(std::string key = "tnx_test_secret") {
  tenex::client_options o;
  o.base_url = "https://api.example.com/api/v1/flows";
  o.credentials = tenex::credentials::api_key(std::move(key));
  o.transport.sleep = [](std::chrono::milliseconds) -> boost::asio::awaitable<void> { co_return; };
  return o;
}

/// A client over `net` (a fake sender) with `o`.
inline tenex::client tenex_client_over(std::shared_ptr<http::sender> net,
                                       tenex::client_options o = tenex_unit_options()) {
  return tenex::client(std::make_shared<http::transport>(std::move(net), o.transport), o);
}

/// The value of header `name` in any case: "" when absent, a marker when sent more than once.
inline std::string header_of(const http::request& r, std::string_view name) {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    }
    return true;
  };
  std::string out;
  int found = 0;
  for (const auto& [k, v] : r.headers) {
    if (!same(k, name)) continue;
    out = v;
    ++found;
  }
  return found > 1 ? "<sent " + std::to_string(found) + " times>" : out;
}

}  // namespace flowsdk::test

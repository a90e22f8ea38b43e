#include "flowsdk/testing/make_client.hpp"

#include <utility>

namespace flowsdk::testing {

namespace {

boost::asio::awaitable<void> no_wait() { co_return; }

}  // namespace

std::shared_ptr<http::transport> make_transport(std::shared_ptr<fake_network> net, http::transport_options options) {
  if (!options.sleep) {
    // A weak pointer: the transport owns this function and the fake, which must not own it back.
    std::weak_ptr<fake_network> weak = net;
    // Not a coroutine itself, so no coroutine frame refers to the closure's captures.
    options.sleep = [weak](std::chrono::milliseconds d) {
      if (auto n = weak.lock()) n->record_backoff(d);
      return no_wait();
    };
  }
  return std::make_shared<http::transport>(std::move(net), std::move(options));
}

imbrace::client make_client(std::shared_ptr<fake_network> net, imbrace::client_options options) {
  auto t = make_transport(std::move(net), options.transport);
  return imbrace::client(std::move(t), std::move(options));
}

cloudflare::client make_client(std::shared_ptr<fake_network> net, cloudflare::client_options options) {
  auto t = make_transport(std::move(net), options.transport);
  return cloudflare::client(std::move(t), std::move(options));
}

tenex::client make_client(std::shared_ptr<fake_network> net, tenex::client_options options) {
  auto t = make_transport(std::move(net), options.transport);
  return tenex::client(std::move(t), std::move(options));
}

}  // namespace flowsdk::testing

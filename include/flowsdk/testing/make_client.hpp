#pragma once
// Clients of every vendor over a fake network, for unit tests (docs/testing.md).
#include "flowsdk/cloudflare/client.hpp"
#include "flowsdk/http/transport.hpp"
#include "flowsdk/http/transport_options.hpp"
#include "flowsdk/imbrace/client.hpp"
#include "flowsdk/tenex/client.hpp"
#include "flowsdk/testing/fake_network.hpp"

#include <memory>

namespace flowsdk::testing {

/// A transport over `net` with `options`. Unless `options.sleep` is set, the transport does not
/// sleep before a retry: it records the delay in `net->backoffs()` and goes on at once, so a
/// test of retries takes no time.
std::shared_ptr<http::transport> make_transport(std::shared_ptr<fake_network> net,
                                                http::transport_options options = {});

/// A client of each vendor over `net`, with `options` (whose `transport` goes to
/// make_transport): the same client a user builds, with the network replaced.
imbrace::client make_client(std::shared_ptr<fake_network> net, imbrace::client_options options);
cloudflare::client make_client(std::shared_ptr<fake_network> net, cloudflare::client_options options);
tenex::client make_client(std::shared_ptr<fake_network> net, tenex::client_options options);

}  // namespace flowsdk::testing

// HTTP proxies (docs/proxies.md) against a real one, tinyproxy (test/support/tinyproxy.hpp), and
// the emulator: HTTPS through a CONNECT tunnel with the origin's certificate checked inside it,
// plain HTTP in absolute form, Basic credentials, refusals (407, 403, a proxy that closes),
// no_proxy, and that credentials never reach an error. Proxies that misbehave at the byte level
// are hostile servers (test/support/hostile_server.hpp).
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"
#include "support/hostile_server.hpp"
#include "support/scoped_env.hpp"
#include "support/tinyproxy.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace flowsdk;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using flowsdk::test::hostile_peer;
using flowsdk::test::hostile_server;
using flowsdk::test::tinyproxy;
using flowsdk::test::tinyproxy_config;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Proxy : public flowsdk::test::emulated_test {
 protected:
  explicit Proxy(emulator::server_options eo = flowsdk::test::quick_emulator()) : emulated_test(std::move(eo)) {}

  // Reaches the emulator through `proxy`; quick retries.
  imbrace::client via(const http::proxy_options& proxy) {
    auto o = emu.imbrace_options();
    o.transport.proxy = proxy;
    o.transport.retry.initial_backoff = 5ms;
    o.transport.timeouts.attempt = 5s;
    return make_client(o);
  }

  std::uint16_t emulator_port() { return emu.get().port(); }
  std::string emulator_authority() { return "127.0.0.1:" + std::to_string(emulator_port()); }

  tinyproxy_config allowing_the_emulator() {
    tinyproxy_config c;
    c.connect_ports = {emulator_port()};
    return c;
  }

  std::size_t received(const std::string& target_prefix) {
    std::size_t n = 0;
    for (const auto& r : emu->recorded_requests()) n += r.target.rfind(target_prefix, 0) == 0;
    return n;
  }
};

}  // namespace

TEST_F(Proxy, HttpsGoesThroughATunnelAndReusesIt) {
  tinyproxy proxy(allowing_the_emulator());
  auto c = via(http::proxy_options::via(proxy.url()));
  auto wf2 = c.workflows();
  emu->clear_recorded_requests();
  auto runs = flowsdk::test::collect(io, wf2.list_runs());
  ASSERT_FALSE(runs.empty());
  auto one = run(wf2.get_run(runs.front().id));
  EXPECT_EQ(one.id, runs.front().id);

  EXPECT_GE(received("/activepieces/v1/flow-runs"), 2u);  // the emulator saw the requests
  // Both went through one tunnel: one CONNECT, and the pool reused the connection inside it.
  EXPECT_EQ(proxy.requests("CONNECT " + emulator_authority()), 1u) << proxy.log();
  EXPECT_EQ(c.pool_stats().created, 1u);
  EXPECT_GE(c.pool_stats().reused, 1u);
}

TEST_F(Proxy, ProxyCredentialsAreAskedForThenAccepted) {
  auto config = allowing_the_emulator();
  config.user = "flowuser";
  config.password = "s3cret-proxy-pass";
  tinyproxy proxy(config);
  const auto id = run(wf.get_run(run(wf.list_runs().next())->id)).id;

  auto without = via(http::proxy_options::via(proxy.url()));
  auto e = expect_error(without.workflows().get_run(id), errc::proxy_refused);
  EXPECT_EQ(e.details().attempts, 1);  // a refusal is not retried
  EXPECT_TRUE(has(e.what(), "proxy 127.0.0.1:" + std::to_string(proxy.port()))) << e.what();
  EXPECT_TRUE(has(e.what(), "407")) << e.what();
  EXPECT_TRUE(has(e.what(), "asks for credentials")) << e.what();

  // In the URL's user info, percent-encoding and all, or in the fields.
  auto in_url = via(http::proxy_options::via(proxy.url_with("flowuser", "s3cret%2Dproxy%2Dpass")));
  EXPECT_EQ(run(in_url.workflows().get_run(id)).id, id);
  auto fields = http::proxy_options::via(proxy.url());
  fields.username = "flowuser";
  fields.password = "s3cret-proxy-pass";
  EXPECT_EQ(run(via(fields).workflows().get_run(id)).id, id);
  EXPECT_EQ(proxy.requests("CONNECT " + emulator_authority()), 3u) << proxy.log();
}

TEST_F(Proxy, WrongCredentialsNeverAppearInTheError) {
  auto config = allowing_the_emulator();
  config.user = "flowuser";
  config.password = "right-pass";
  tinyproxy proxy(config);
  auto c = via(http::proxy_options::via(proxy.url_with("flowuser", "hunter2-wrong")));
  auto e = expect_error(c.workflows().get_run("r1"), errc::proxy_refused);
  const std::string everything = std::string(e.what()) + e.details().cause + e.details().body;
  EXPECT_TRUE(has(everything, "refused the credentials given")) << everything;
  EXPECT_FALSE(has(everything, "hunter2")) << everything;
  EXPECT_FALSE(has(everything, "flowuser")) << everything;
  EXPECT_FALSE(has(everything, "Zmxvd3VzZXI6aHVudGVyMi13cm9uZw")) << everything;  // base64 of user:password
}

TEST_F(Proxy, AProxyThatForbidsTheDestinationIsATypedError) {
  tinyproxy_config config;
  config.connect_ports = {1};  // tinyproxy answers CONNECT to any other port with 403
  tinyproxy proxy(config);
  auto e = expect_error(via(http::proxy_options::via(proxy.url())).workflows().get_run("r1"), errc::proxy_refused);
  EXPECT_EQ(e.details().attempts, 1);
  EXPECT_TRUE(has(e.details().cause, "proxy 127.0.0.1:" + std::to_string(proxy.port()) + " answered CONNECT " +
                                         emulator_authority() + " with 403"))
      << e.details().cause;
  EXPECT_EQ(received("/"), 0u);
}

TEST_F(Proxy, AProxyThatClosesIsAConnectFailureNamingItAndNeverSent) {
  hostile_server closing([](std::shared_ptr<hostile_peer> peer) -> asio::awaitable<void> {
    peer->close();
    co_return;
  });
  auto o = emu.imbrace_options();
  o.transport.proxy = http::proxy_options::via(closing.base_url());
  o.transport.retry.initial_backoff = 1ms;
  o.transport.retry.max_retries = 2;
  auto c = make_client(o);
  // A trigger is a POST with side effects: it is retried only because it provably never left.
  const auto flow = emu->seed().imbrace.echo_flow_id;
  auto e = expect_error(c.workflows().trigger_flow(flow), errc::connect_failed);
  EXPECT_EQ(e.details().attempts, 3) << e.what();
  EXPECT_EQ(closing.connections(), 3);
  EXPECT_TRUE(has(e.details().cause, "proxy 127.0.0.1:" + std::to_string(closing.port()) +
                                         " closed the connection before answering CONNECT"))
      << e.details().cause;
}

TEST_F(Proxy, ADeadProxyIsAConnectFailureNamingIt) {
  std::uint16_t dead_port = 0;
  {
    hostile_server gone([](std::shared_ptr<hostile_peer>) -> asio::awaitable<void> { co_return; });
    dead_port = gone.port();
  }
  auto proxy = http::proxy_options::via("http://user:pa55word@127.0.0.1:" + std::to_string(dead_port));
  auto e = expect_error(via(proxy).workflows().get_run("r1"), errc::connect_failed);
  EXPECT_TRUE(has(e.details().cause, "connect to proxy 127.0.0.1:" + std::to_string(dead_port))) << e.what();
  EXPECT_FALSE(has(e.what(), "pa55word")) << e.what();
}

TEST_F(Proxy, ConnectSendsTheOriginAndTheCredentialsToTheProxy) {
  std::string seen;
  hostile_server fake([&seen](std::shared_ptr<hostile_peer> peer) -> asio::awaitable<void> {
    const bool read = co_await peer->read_request();
    if (read) seen = peer->last_request();
    const bool written =
        co_await peer->write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
    (void)written;
    peer->close();
  });
  auto proxy = http::proxy_options::via(fake.base_url());
  proxy.username = "ada";
  proxy.password = "lovelace";
  expect_error(via(proxy).workflows().get_run("r1"), errc::proxy_refused);
  EXPECT_EQ(seen.rfind("CONNECT " + emulator_authority() + " HTTP/1.1\r\n", 0), 0u) << seen;
  EXPECT_TRUE(has(seen, "\r\nHost: " + emulator_authority() + "\r\n")) << seen;
  EXPECT_TRUE(has(seen, "\r\nProxy-Authorization: Basic YWRhOmxvdmVsYWNl\r\n")) << seen;
}

TEST_F(Proxy, AProxyAnswerTooLargeOrGarbledIsAProtocolError) {
  hostile_server huge([](std::shared_ptr<hostile_peer> peer) -> asio::awaitable<void> {
    const bool read = co_await peer->read_request();
    if (read) (void)co_await peer->write("HTTP/1.1 200 OK\r\nX-Padding: " + std::string(20000, 'x') + "\r\n\r\n");
    co_await peer->hold();
  });
  auto e = expect_error(via(http::proxy_options::via(huge.base_url())).workflows().get_run("r1"), errc::protocol_error);
  EXPECT_TRUE(has(e.details().cause, "larger than 8192 bytes")) << e.details().cause;

  hostile_server garbled([](std::shared_ptr<hostile_peer> peer) -> asio::awaitable<void> {
    const bool read = co_await peer->read_request();
    if (read) (void)co_await peer->write("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    co_await peer->hold();
  });
  expect_error(via(http::proxy_options::via(garbled.base_url())).workflows().get_run("r1"), errc::protocol_error);
}

TEST_F(Proxy, AProxyThatNeverAnswersTimesOutAtTheConnectDeadline) {
  hostile_server silent([](std::shared_ptr<hostile_peer> peer) -> asio::awaitable<void> { co_await peer->hold(); });
  auto o = emu.imbrace_options();
  o.transport.proxy = http::proxy_options::via(silent.base_url());
  o.transport.timeouts.connect = 200ms;
  o.transport.retry.max_retries = 0;
  auto c = make_client(o);
  const auto start = std::chrono::steady_clock::now();
  auto e = expect_error(c.workflows().get_run("r1"), errc::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_TRUE(has(e.details().cause, "did not answer CONNECT")) << e.details().cause;
}

TEST_F(Proxy, NoProxyListsBypassTheProxy) {
  tinyproxy proxy(allowing_the_emulator());
  auto bypassed = http::proxy_options::via(proxy.url());
  bypassed.no_proxy = "example.com, 127.0.0.1:" + std::to_string(emulator_port());
  auto runs = flowsdk::test::collect(io, via(bypassed).workflows().list_runs());
  EXPECT_FALSE(runs.empty());
  EXPECT_EQ(proxy.requests("CONNECT"), 0u) << proxy.log();

  auto everything = http::proxy_options::via(proxy.url());
  everything.no_proxy = "*";
  EXPECT_FALSE(flowsdk::test::collect(io, via(everything).workflows().list_runs()).empty());
  EXPECT_EQ(proxy.requests("CONNECT"), 0u) << proxy.log();

  // Another port of the same host is not bypassed.
  auto other_port = http::proxy_options::via(proxy.url());
  other_port.no_proxy = "127.0.0.1:1";
  EXPECT_FALSE(flowsdk::test::collect(io, via(other_port).workflows().list_runs()).empty());
  EXPECT_EQ(proxy.requests("CONNECT"), 1u) << proxy.log();
}

TEST_F(Proxy, OnlyHttpsProxiedMeansHttpsOriginsOnly) {
  // An http proxy setting alone leaves the https emulator direct.
  tinyproxy proxy(allowing_the_emulator());
  http::proxy_options only_http;
  only_http.http_proxy = proxy.url();
  EXPECT_FALSE(flowsdk::test::collect(io, via(only_http).workflows().list_runs()).empty());
  EXPECT_EQ(proxy.requests("CONNECT"), 0u) << proxy.log();
}

TEST_F(Proxy, FromEnvironmentHttpsProxyIsUsed) {
  tinyproxy proxy(allowing_the_emulator());
  // The variables from_env reads, set for this test only.
  flowsdk::test::scoped_env scoped{
      "https_proxy", "HTTPS_PROXY",     "http_proxy",           "HTTP_PROXY",          "no_proxy",
      "NO_PROXY",    "IMBRACE_API_KEY", "IMBRACE_ACCESS_TOKEN", "IMBRACE_GATEWAY_URL", "FLOWSDK_CA_FILE"};
  scoped.set("HTTPS_PROXY", proxy.url());
  scoped.set("IMBRACE_API_KEY", flowsdk::test::emulator_api_key);
  scoped.set("IMBRACE_GATEWAY_URL", emu.base_url());
  auto o = imbrace::client_options::from_env();
  EXPECT_EQ(o.transport.proxy.https_proxy, proxy.url());
  o.transport.tls.ca_pem = emu.ca_pem();
  EXPECT_FALSE(flowsdk::test::collect(io, make_client(o).workflows().list_runs()).empty());
  EXPECT_EQ(proxy.requests("CONNECT " + emulator_authority()), 1u) << proxy.log();
}

// ---- the origin's certificate, checked inside the tunnel ------------------------------------

class ProxyToLocalhost : public Proxy {
 protected:
  static emulator::server_options named_localhost_only() {
    auto eo = flowsdk::test::quick_emulator();
    eo.certificate_names = {"localhost"};
    return eo;
  }
  ProxyToLocalhost() : Proxy(named_localhost_only()) {}
};

TEST_F(ProxyToLocalhost, TheOriginsNameIsVerifiedNotTheProxys) {
  // The proxy is 127.0.0.1, which the certificate does not name; the origin is localhost, which it does.
  tinyproxy proxy(allowing_the_emulator());
  auto o = emu.imbrace_options();
  o.gateway = "https://localhost:" + std::to_string(emulator_port());
  o.transport.proxy = http::proxy_options::via(proxy.url());
  EXPECT_FALSE(flowsdk::test::collect(io, make_client(o).workflows().list_runs()).empty());
  EXPECT_EQ(proxy.requests("CONNECT localhost:" + std::to_string(emulator_port())), 1u) << proxy.log();

  // The same server asked for by its address: the certificate does not name 127.0.0.1.
  auto by_address = via(http::proxy_options::via(proxy.url()));
  auto e = expect_error(by_address.workflows().get_run("r1"), errc::tls_failed);
  EXPECT_TRUE(has(e.details().cause, "TLS handshake with " + emulator_authority() +
                                         " through proxy 127.0.0.1:" + std::to_string(proxy.port())))
      << e.details().cause;
  EXPECT_TRUE(has(e.details().cause, "the certificate names other hosts")) << e.details().cause;
}

// ---- plain HTTP through the proxy ---------------------------------------------------------------

class PlainProxy : public Proxy {
 protected:
  static emulator::server_options plain() {
    auto eo = flowsdk::test::quick_emulator();
    eo.tls = false;
    return eo;
  }
  PlainProxy() : Proxy(plain()) {}
};

TEST_F(PlainProxy, HttpGoesToTheProxyInAbsoluteForm) {
  tinyproxy proxy({});
  emu->clear_recorded_requests();
  auto runs = flowsdk::test::collect(io, via(http::proxy_options::via(proxy.url())).workflows().list_runs());
  EXPECT_FALSE(runs.empty());
  EXPECT_GE(received("/activepieces/v1/flow-runs"), 1u);
  EXPECT_GE(proxy.requests("GET http://" + emulator_authority() + "/activepieces/v1/flow-runs"), 1u) << proxy.log();
  EXPECT_EQ(proxy.requests("CONNECT"), 0u) << proxy.log();
}

TEST_F(PlainProxy, HttpThroughAProxyWantingCredentials) {
  tinyproxy_config config;
  config.user = "plainuser";
  config.password = "plainpass";
  tinyproxy proxy(config);
  auto e = expect_error(via(http::proxy_options::via(proxy.url())).workflows().get_run("r1"), errc::proxy_refused);
  EXPECT_EQ(e.details().attempts, 1);
  EXPECT_TRUE(has(e.details().cause, "proxy 127.0.0.1:" + std::to_string(proxy.port()) + " answered")) << e.what();
  EXPECT_TRUE(has(e.details().cause, "407")) << e.what();

  emu->clear_recorded_requests();
  auto with = via(http::proxy_options::via(proxy.url_with("plainuser", "plainpass")));
  EXPECT_FALSE(flowsdk::test::collect(io, with.workflows().list_runs()).empty());
  EXPECT_GE(received("/activepieces/v1/flow-runs"), 1u);
  for (const auto& r : emu->recorded_requests()) {
    for (const auto& [name, value] : r.headers) {
      // tinyproxy keeps the proxy's credentials to itself.
      EXPECT_FALSE(has(value, "cGxhaW51c2VyOnBsYWlucGFzcw")) << name;
    }
  }
}

// Proxies without sockets (docs/proxies.md): proxy URLs and their validation, no_proxy matching,
// which origin takes which proxy, the CONNECT request's bytes, reading and judging the proxy's
// answer, pools keyed by proxy, the environment variables, and that credentials never appear in
// an error.
#include "http/connection_pool.hpp"
#include "http/proxy.hpp"
#include "http/transport_env.hpp"
#include "support/invalid_argument.hpp"
#include "support/scoped_env.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/proxy_options.hpp"
#include "flowsdk/http/transport_options.hpp"

#include <boost/asio/buffer.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using flowsdk::errc;
using flowsdk::http::origin;
using flowsdk::http::proxy_options;
using flowsdk::test::invalid_argument_message;
namespace detail = flowsdk::http::detail;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

detail::proxy_endpoint parse(const std::string& url, const std::string& user = {}, const std::string& pass = {}) {
  return detail::parse_proxy_url(url, "proxy_options::https_proxy", user, pass);
}

origin https(std::string host, std::uint16_t port = 443) { return origin{true, std::move(host), port}; }
origin plain(std::string host, std::uint16_t port = 80) { return origin{false, std::move(host), port}; }

}  // namespace

// ---- proxy URLs ------------------------------------------------------------------------------

TEST(ProxyUrl, HostPortAndDefaults) {
  auto p = parse("http://proxy.corp:3128");
  EXPECT_EQ(p.host, "proxy.corp");
  EXPECT_EQ(p.port, 3128);
  EXPECT_EQ(p.authorization, "");
  EXPECT_EQ(p.where(), "proxy.corp:3128");

  EXPECT_EQ(parse("http://proxy.corp").port, 80);
  EXPECT_EQ(parse("http://proxy.corp/").port, 80);
  EXPECT_EQ(parse("HTTP://Proxy.Corp:8080").port, 8080);
  auto bare = parse("proxy.corp:3128");  // as HTTPS_PROXY is often written
  EXPECT_EQ(bare.host, "proxy.corp");
  EXPECT_EQ(bare.port, 3128);
  auto v6 = parse("http://[::1]:3128");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.where(), "[::1]:3128");
}

TEST(ProxyUrl, CredentialsFromUserInfoOrFields) {
  EXPECT_EQ(parse("http://user:p%40ss@proxy:3128").authorization, "Basic dXNlcjpwQHNz");  // user:p@ss
  EXPECT_EQ(parse("http://alice:s3cret@proxy").authorization, "Basic YWxpY2U6czNjcmV0");
  // The fields replace the URL's user info.
  EXPECT_EQ(parse("http://user:other@proxy:3128", "alice", "s3cret").authorization, "Basic YWxpY2U6czNjcmV0");
  EXPECT_EQ(parse("http://proxy:3128", "alice", "s3cret").authorization, "Basic YWxpY2U6czNjcmV0");
  // The user info is never part of where().
  EXPECT_EQ(parse("http://alice:s3cret@proxy:3128").where(), "proxy:3128");
}

TEST(ProxyUrl, InvalidOnesNameTheFieldAndNeverTheCredentials) {
  const std::vector<std::string> bad = {
      "https://alice:hunter2@proxy:3128",   // TLS to the proxy
      "socks5://alice:hunter2@proxy:1080",  // SOCKS
      "http://alice:hunter2@proxy:99999",   // port
      "http://alice:hunter2@proxy:3128/path", "http://alice:hunter2@pro xy:3128",    "http://alice:hunter2@",
      "http://alice:hun@ter2@proxy:3128",     "http://alice:hunter2@proxy:3128?q=1",
  };
  for (const auto& url : bad) {
    const std::string message = invalid_argument_message([&] { parse(url); });
    EXPECT_TRUE(has(message, "proxy_options::https_proxy")) << message;
    EXPECT_FALSE(has(message, "hunter2")) << message;
    EXPECT_FALSE(has(message, "ter2")) << message;
    EXPECT_FALSE(has(message, "alice")) << message;
  }
  EXPECT_TRUE(has(invalid_argument_message([] { parse("https://proxy:3128"); }), "scheme must be http"));
  EXPECT_TRUE(has(invalid_argument_message([] { parse("http://proxy:3128/x"); }), "no path"));
  EXPECT_TRUE(has(invalid_argument_message([] { parse("http://proxy:3128", "a:b", "pw"); }), "must not hold ':'"));
  const std::string lonely = invalid_argument_message([] { parse("http://proxy:3128", "", "topsecret"); });
  EXPECT_TRUE(has(lonely, "without proxy_options::username")) << lonely;
  EXPECT_FALSE(has(lonely, "topsecret")) << lonely;
}

TEST(ProxyOptions, ValidateAndVia) {
  EXPECT_FALSE(proxy_options{}.enabled());
  EXPECT_NO_THROW(proxy_options{}.validate());
  auto both = proxy_options::via("http://proxy:3128");
  EXPECT_TRUE(both.enabled());
  EXPECT_EQ(both.https_proxy, "http://proxy:3128");
  EXPECT_EQ(both.http_proxy, "http://proxy:3128");
  EXPECT_NO_THROW(both.validate());

  proxy_options bad;
  bad.http_proxy = "ftp://x:pw123@proxy";
  const std::string message = invalid_argument_message([&] { bad.validate(); });
  EXPECT_TRUE(has(message, "proxy_options::http_proxy")) << message;
  EXPECT_FALSE(has(message, "pw123")) << message;

  proxy_options bad_list = proxy_options::via("http://proxy:3128");
  bad_list.no_proxy = "example.com, host:notaport";
  EXPECT_TRUE(
      has(invalid_argument_message([&] { bad_list.validate(); }), "proxy_options::no_proxy: entry \"host:notaport\""));
}

// ---- no_proxy ------------------------------------------------------------------------------

TEST(NoProxy, MatchingTable) {
  struct row {
    const char* list;
    origin to;
    bool direct;
  };
  const std::vector<row> rows = {
      {"", https("example.com"), false},
      {"*", https("anything.at.all"), true},
      {"other.org, *", https("example.com"), true},
      {"example.com", https("example.com"), true},
      {"example.com", https("api.example.com"), true},
      {"example.com", https("a.b.example.com"), true},
      {"example.com", https("badexample.com"), false},  // a label boundary, not a string suffix
      {"example.com", https("example.com.evil.net"), false},
      {".example.com", https("example.com"), true},
      {".example.com", https("api.example.com"), true},
      {"*.example.com", https("api.example.com"), true},
      {"example.com.", https("api.example.com"), true},
      {"example.com", https("API.Example.COM"), true},  // case-insensitive
      {"EXAMPLE.com", https("api.example.com"), true},
      {"example.com", https("api.example.com."), true},  // a fully qualified name
      {" example.com , other.org ", https("x.other.org"), true},
      {"example.com,,", https("example.com"), true},
      {"example.com:8443", https("api.example.com", 8443), true},
      {"example.com:8443", https("api.example.com", 443), false},
      {"example.com:80", plain("example.com"), true},
      {"10.1.2.3", https("10.1.2.3"), true},
      {"10.1.2.3", https("10.1.2.4"), false},
      {"10.1.2.3:8443", https("10.1.2.3", 8443), true},
      {"10.1.2.3:8443", https("10.1.2.3"), false},
      {"10.0.0.0/8", https("10.200.3.4"), true},
      {"10.0.0.0/8", https("11.0.0.1"), false},
      {"192.168.0.0/23", https("192.168.1.255"), true},
      {"192.168.0.0/23", https("192.168.2.0"), false},
      {"0.0.0.0/0", https("8.8.8.8"), true},
      {"::1", https("::1"), true},
      {"[::1]", https("::1"), true},
      {"[::1]:8443", https("::1", 8443), true},
      {"[::1]:8443", https("::1"), false},
      {"0:0::1", https("::1"), true},  // compared as addresses, not text
      {"fd00::/8", https("fd12:3456::1"), true},
      {"fd00::/8", https("fe80::1"), false},
      {"10.1.2.3", https("::ffff:10.1.2.4"), false},
      {"127.0.0.1", https("localhost"), false},  // nothing is resolved
      {"localhost", https("127.0.0.1"), false},
      {"3.4", https("1.2.3.4"), false},  // an address is not a domain suffix
  };
  for (const auto& r : rows) {
    const auto list = detail::no_proxy_list::parse(r.list, "no_proxy");
    EXPECT_EQ(list.matches(r.to), r.direct) << "\"" << r.list << "\" vs " << r.to.to_string();
  }
}

TEST(NoProxy, MalformedEntriesAreNamed) {
  for (const char* bad : {"host:", "host:0", "host:70000", "host:x", "10.0.0.0/33", "::/129", "nonsense/8", "[::1",
                          "[::1]x", "exa mple.com", "*x", ".", "a,b/c"}) {
    const std::string message = invalid_argument_message([&] { (void)detail::no_proxy_list::parse(bad, "NO_PROXY"); });
    EXPECT_TRUE(has(message, "NO_PROXY: entry \"")) << bad << ": " << message;
  }
}

// ---- routes ----------------------------------------------------------------------------------

TEST(ProxyRoutes, EachSchemeTakesItsProxyUnlessBypassed) {
  proxy_options o;
  o.https_proxy = "http://tunnel:3128";
  o.http_proxy = "http://forward:8080";
  o.no_proxy = "internal.corp";
  const detail::proxy_routes routes(o);
  ASSERT_NE(routes.for_origin(https("api.example.com")), nullptr);
  EXPECT_EQ(routes.for_origin(https("api.example.com"))->host, "tunnel");
  ASSERT_NE(routes.for_origin(plain("api.example.com")), nullptr);
  EXPECT_EQ(routes.for_origin(plain("api.example.com"))->host, "forward");
  EXPECT_EQ(routes.for_origin(https("db.internal.corp")), nullptr);
  EXPECT_EQ(routes.for_origin(plain("db.internal.corp")), nullptr);

  proxy_options only_https;
  only_https.https_proxy = "http://tunnel:3128";
  EXPECT_EQ(detail::proxy_routes(only_https).for_origin(plain("api.example.com")), nullptr);
  EXPECT_EQ(detail::proxy_routes(proxy_options{}).for_origin(https("api.example.com")), nullptr);
}

// ---- CONNECT ---------------------------------------------------------------------------------

TEST(ProxyConnect, RequestBytes) {
  EXPECT_EQ(detail::connect_request(https("api.example.com"), parse("http://proxy:3128"), "flowsdk-cpp/1"),
            "CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\nUser-Agent: flowsdk-cpp/1\r\n\r\n");
  EXPECT_EQ(detail::connect_request(https("::1", 8443), parse("http://ada:lovelace@proxy:3128"), ""),
            "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\nProxy-Authorization: Basic YWRhOmxvdmVsYWNl\r\n\r\n");
}

namespace {

// Feeds `bytes` to a parser prepared as the connection prepares it.
boost::system::error_code feed(detail::connect_reply_parser& parser, const std::string& bytes) {
  detail::prepare(parser);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    used += parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec) break;
  }
  return ec;
}

}  // namespace

TEST(ProxyConnect, ReplyParsing) {
  {
    detail::connect_reply_parser p;
    EXPECT_FALSE(feed(p, "HTTP/1.0 200 Connection established\r\n\r\n"));
    EXPECT_TRUE(p.is_done());
    EXPECT_EQ(p.get().result_int(), 200u);
  }
  {
    // A refusal's body is not waited for.
    detail::connect_reply_parser p;
    EXPECT_FALSE(feed(p, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 500\r\n\r\n"));
    EXPECT_TRUE(p.is_done());
    EXPECT_EQ(p.get().result_int(), 407u);
  }
  {
    // The header has a limit.
    detail::connect_reply_parser p;
    const std::string huge = "HTTP/1.1 200 OK\r\nX-Pad: " + std::string(detail::connect_reply_limit, 'x') + "\r\n\r\n";
    EXPECT_EQ(feed(p, huge), boost::beast::http::error::header_limit);
  }
  {
    detail::connect_reply_parser p;
    EXPECT_TRUE(feed(p, "SSH-2.0-OpenSSH_9.2\r\n\r\n"));
  }
}

TEST(ProxyConnect, JudgingTheReply) {
  const auto to = https("api.example.com");
  const auto anonymous = parse("http://proxy:3128");
  const auto with_credentials = parse("http://ada:lovelace@proxy:3128");
  std::string cause;
  EXPECT_FALSE(detail::judge_connect_reply(200, "Connection established", to, anonymous, cause));
  EXPECT_EQ(detail::judge_connect_reply(407, "Proxy Authentication Required", to, anonymous, cause),
            errc::proxy_refused);
  EXPECT_EQ(cause,
            "proxy proxy:3128 answered CONNECT api.example.com:443 with 407 Proxy Authentication Required: it asks "
            "for credentials; set them in the proxy URL or proxy_options::username and password");
  EXPECT_EQ(detail::judge_connect_reply(407, "Denied", to, with_credentials, cause), errc::proxy_refused);
  EXPECT_TRUE(has(cause, "refused the credentials given")) << cause;
  EXPECT_FALSE(has(cause, "lovelace")) << cause;
  EXPECT_FALSE(has(cause, "YWRh")) << cause;
  // tinyproxy answers wrong credentials with 401.
  EXPECT_EQ(detail::judge_connect_reply(401, "Unauthorized", to, with_credentials, cause), errc::proxy_refused);
  EXPECT_TRUE(has(cause, "with 401 Unauthorized: it refused the credentials given")) << cause;
  EXPECT_EQ(detail::judge_connect_reply(403, "Access violation", to, anonymous, cause), errc::proxy_refused);
  EXPECT_EQ(cause, "proxy proxy:3128 answered CONNECT api.example.com:443 with 403 Access violation");
  // The proxy could not reach the origin: a connect failure (retried).
  EXPECT_EQ(detail::judge_connect_reply(502, "Bad Gateway", to, anonymous, cause), errc::connect_failed);
  EXPECT_EQ(detail::judge_connect_reply(302, "Found", to, anonymous, cause), errc::proxy_refused);
  // The proxy's reason phrase is its own text: kept printable and short.
  EXPECT_EQ(detail::judge_connect_reply(403, std::string("a\x01z") + std::string(200, 'r'), to, anonymous, cause),
            errc::proxy_refused);
  EXPECT_TRUE(has(cause, "with 403 a?z")) << cause;
  EXPECT_LT(cause.size(), 200u);
}

TEST(ProxyConnect, ARefusalIsAnErrorWithoutCredentials) {
  std::string cause;
  const auto via = parse("http://ada:lovelace@proxy:3128");
  const auto code = detail::judge_connect_reply(407, "Proxy Authentication Required", https("h"), via, cause);
  flowsdk::error_details d;
  d.method = "GET";
  d.target = "/v1/flows";
  d.cause = cause;
  const flowsdk::error e(code, d);
  EXPECT_EQ(std::string(e.what()),
            "GET /v1/flows: the proxy refused the request: proxy proxy:3128 answered CONNECT h:443 with 407 Proxy "
            "Authentication Required: it refused the credentials given");
}

// ---- pools -----------------------------------------------------------------------------------

TEST(ProxyPools, KeyedByOriginAndProxy) {
  detail::connection_pool pools{flowsdk::http::pool_options{}};
  const auto to = https("api.example.com");
  const auto a = parse("http://proxy-a:3128");
  const auto b = parse("http://proxy-b:3128");
  const auto a_as_ada = parse("http://ada:lovelace@proxy-a:3128");
  const auto direct = pools.for_origin(to);
  EXPECT_EQ(pools.for_origin(to, nullptr), direct);
  EXPECT_EQ(pools.for_origin(to, &a), pools.for_origin(to, &a));
  EXPECT_NE(pools.for_origin(to, &a), direct);
  EXPECT_NE(pools.for_origin(to, &a), pools.for_origin(to, &b));
  EXPECT_NE(pools.for_origin(to, &a), pools.for_origin(to, &a_as_ada));  // other credentials, other tunnels
  EXPECT_NE(pools.for_origin(https("other.example.com"), &a), pools.for_origin(to, &a));
}

// ---- the environment -------------------------------------------------------------------------

namespace {

class ProxyEnv : public ::testing::Test {
 protected:
  flowsdk::test::scoped_env environment{"https_proxy", "HTTPS_PROXY", "http_proxy",     "HTTP_PROXY",
                                        "no_proxy",    "NO_PROXY",    "REQUEST_METHOD", "FLOWSDK_CA_FILE"};
  static void set(const char* name, const char* value) { ::setenv(name, value, 1); }
  static flowsdk::http::transport_options read() {
    flowsdk::http::transport_options o;
    flowsdk::http::transport_options_from_env(o);
    return o;
  }
};

}  // namespace

TEST_F(ProxyEnv, NothingSetMeansNoProxy) { EXPECT_FALSE(read().proxy.enabled()); }

TEST_F(ProxyEnv, EachVariableInEitherCase) {
  set("HTTPS_PROXY", "http://tunnel:3128");
  set("HTTP_PROXY", "forward:8080");
  set("NO_PROXY", "internal.corp");
  auto o = read();
  EXPECT_EQ(o.proxy.https_proxy, "http://tunnel:3128");
  EXPECT_EQ(o.proxy.http_proxy, "forward:8080");
  EXPECT_EQ(o.proxy.no_proxy, "internal.corp");
  EXPECT_NO_THROW(o.proxy.validate());

  set("https_proxy", "http://lower:1");
  set("http_proxy", "http://lower:2");
  set("no_proxy", "lower.corp");
  o = read();  // as curl: the lower-case name wins
  EXPECT_EQ(o.proxy.https_proxy, "http://lower:1");
  EXPECT_EQ(o.proxy.http_proxy, "http://lower:2");
  EXPECT_EQ(o.proxy.no_proxy, "lower.corp");
}

TEST_F(ProxyEnv, UpperCaseHttpProxyIsIgnoredUnderCgi) {
  // https://httpoxy.org: a CGI program gets the request's "Proxy:" header as HTTP_PROXY.
  set("REQUEST_METHOD", "GET");
  set("HTTP_PROXY", "http://attacker:8080");
  EXPECT_EQ(read().proxy.http_proxy, "");
  set("http_proxy", "http://mine:8080");
  EXPECT_EQ(read().proxy.http_proxy, "http://mine:8080");
}

TEST_F(ProxyEnv, AMalformedValueNamesTheVariableNotTheCredentials) {
  set("HTTPS_PROXY", "https://ada:lovelace@proxy:3128");
  std::string message = invalid_argument_message([] { read(); });
  EXPECT_TRUE(has(message, "HTTPS_PROXY")) << message;
  EXPECT_FALSE(has(message, "lovelace")) << message;
  ::unsetenv("HTTPS_PROXY");
  set("no_proxy", "ok.corp, bad:port");
  message = invalid_argument_message([] { read(); });
  EXPECT_TRUE(has(message, "no_proxy: entry \"bad:port\"")) << message;
}

// The transport and the server object: keep-alive, limits, fault injection, TLS, stop().

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ssl/host_name_verification.hpp>

#include <future>
#include <set>
#include <thread>

namespace flowsdk::emulator::test {
namespace {

server_options plain() {
  server_options o;
  o.tls = false;
  return o;
}

const std::string flows = "/activepieces/v1/flows";

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  background_server s(plain(), 2);
  http_client c(s->port());
  std::set<std::string> request_ids;
  for (int i = 0; i < 50; ++i) {
    auto res = c.request(http::verb::get, flows + "?limit=1");
    ASSERT_EQ(res.result_int(), 200);
    EXPECT_TRUE(res.keep_alive());
    EXPECT_EQ(res[http::field::content_length], std::to_string(res.body().size()));
    request_ids.emplace(res["x-request-id"]);
  }
  EXPECT_EQ(request_ids.size(), 50u);  // unique
  const auto stats = s->stats();
  EXPECT_EQ(stats.connections_accepted, 1u);
  EXPECT_EQ(stats.requests_served, 50u);
}

TEST(Server, ManyConcurrentConnections) {
  background_server s(plain(), 2);
  std::vector<std::future<int>> clients;
  for (int t = 0; t < 16; ++t) {
    clients.push_back(std::async(std::launch::async, [port = s->port()] {
      http_client c(port);
      int ok = 0;
      for (int i = 0; i < 50; ++i) ok += c.request(http::verb::get, "/activepieces/v1/flow-runs").result_int() == 200;
      return ok;
    }));
  }
  for (auto& f : clients) EXPECT_EQ(f.get(), 50);
}

TEST(Server, GarbageIs400AndConnectionCloses) {
  background_server s(plain());
  http_client c(s->port());
  c.write_raw("THIS IS NOT HTTP\r\n\r\n");
  auto res = c.read();
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_EQ(c.read_until_closed(), asio::error::eof);
}

TEST(Server, OversizedBodyIs413) {
  auto o = plain();
  o.max_request_body = 1024;
  background_server s(o);
  http_client c(s->port());
  c.write_raw(
      "POST /activepieces/v1/flows HTTP/1.1\r\nHost: x\r\nx-api-key: api_emulator_key\r\n"
      "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n" +
      std::string(5000, ' '));
  auto res = c.read();
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(parse(res).at("statusCode"), 413);
}

TEST(Server, RecordsRequests) {
  background_server s(plain());
  call(s->port(), http::verb::post, flows + "?x=1", R"({"displayName":"Recorded"})");
  const auto log = s->recorded_requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].method, "POST");
  EXPECT_EQ(log[0].target, flows + "?x=1");
  EXPECT_EQ(log[0].body, R"({"displayName":"Recorded"})");
  bool saw_key = false;
  for (const auto& [k, v] : log[0].headers) saw_key |= k == "x-api-key" && v == "api_emulator_key";
  EXPECT_TRUE(saw_key);

  http_client c(s->port());
  for (int i = 0; i < 300; ++i) c.request(http::verb::get, flows + "?n=" + std::to_string(i));
  const auto ring = s->recorded_requests();
  ASSERT_EQ(ring.size(), 256u);
  EXPECT_EQ(ring.front().target, flows + "?n=44");  // oldest first
  EXPECT_EQ(ring.back().target, flows + "?n=299");
  s->clear_recorded_requests();
  EXPECT_TRUE(s->recorded_requests().empty());
}

TEST(Faults, StatusWithRetryHeadersIsConsumedInOrder) {
  background_server s(plain());
  fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/flow-runs";
  rule.what.status = 429;
  rule.what.retry_after = "2";
  rule.what.retry_after_ms = "1500";
  rule.times = 2;
  s->inject(rule);
  http_client c(s->port());
  EXPECT_EQ(c.request(http::verb::get, flows).result_int(), 200);  // no match: other path
  for (int i = 0; i < 2; ++i) {
    auto res = c.request(http::verb::get, "/activepieces/v1/flow-runs?limit=1");
    ASSERT_EQ(res.result_int(), 429);
    EXPECT_EQ(res[http::field::retry_after], "2");
    EXPECT_EQ(res["retry-after-ms"], "1500");
    EXPECT_EQ(parse(res).at("statusCode"), 429);
  }
  EXPECT_EQ(c.request(http::verb::get, "/activepieces/v1/flow-runs").result_int(), 200);
  EXPECT_EQ(s->stats().faults_injected, 2u);

  s->inject(rule);
  s->clear_faults();
  EXPECT_EQ(c.request(http::verb::get, "/activepieces/v1/flow-runs").result_int(), 200);
}

TEST(Faults, ResetBeforeResponse) {
  background_server s(plain());
  fault_rule rule;
  rule.what.kind = fault_kind::reset_before_response;
  s->inject(rule);
  http_client c(s->port());
  c.write(http::verb::get, flows);
  std::string received;
  EXPECT_EQ(c.read_until_closed(&received), asio::error::connection_reset);
  EXPECT_TRUE(received.empty());
  EXPECT_EQ(call(s->port(), http::verb::get, flows).result_int(), 200);  // consumed
}

TEST(Faults, TruncatedBody) {
  background_server s(plain());
  fault_rule rule;
  rule.what.kind = fault_kind::truncated_body;
  s->inject(rule);
  http_client c(s->port());
  c.write(http::verb::get, flows);
  std::string received;
  c.read_until_closed(&received);
  const auto header_end = received.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos);
  const auto length_at = received.find("Content-Length: ");
  ASSERT_NE(length_at, std::string::npos);
  const auto declared = std::stoul(received.substr(length_at + 16));
  const auto body = received.size() - header_end - 4;
  EXPECT_GT(declared, 0u);
  EXPECT_EQ(body, declared / 2);
}

TEST(Faults, MalformedJson) {
  background_server s(plain());
  fault_rule rule;
  rule.what.kind = fault_kind::malformed_json;
  s->inject(rule);
  auto res = call(s->port(), http::verb::get, flows);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_NE(res[http::field::content_type].find("application/json"), std::string_view::npos);
  boost::system::error_code ec;
  json::parse(res.body(), ec);
  EXPECT_TRUE(ec);
}

TEST(Faults, StallDelaysTheAnswer) {
  background_server s(plain());
  fault_rule rule;
  rule.what.kind = fault_kind::stall;
  rule.what.stall_for = std::chrono::milliseconds(300);
  s->inject(rule);
  const auto start = std::chrono::steady_clock::now();
  auto res = call(s->port(), http::verb::get, flows);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(290));
}

TEST(Faults, RandomRatesAreReproducible) {
  auto o = plain();
  o.rates.status_503 = 0.5;
  o.random_seed = 7;
  auto run = [&] {
    background_server s(o);
    http_client c(s->port());
    std::string pattern;
    for (int i = 0; i < 40; ++i) pattern += c.request(http::verb::get, flows).result_int() == 503 ? 'x' : '.';
    return pattern;
  };
  const auto a = run();
  EXPECT_EQ(a, run());
  EXPECT_NE(a.find('x'), std::string::npos);
  EXPECT_NE(a.find('.'), std::string::npos);
}

TEST(Stop, ReturnsPromptlyWithAStalledConnection) {
  asio::io_context ioc;
  server srv(ioc.get_executor(), plain());
  srv.start();
  fault_rule rule;
  rule.what.kind = fault_kind::stall;  // stall_for 0: until stopped
  srv.inject(rule);
  std::thread io([&] { ioc.run(); });

  http_client stalled(srv.port());
  stalled.write(http::verb::get, flows);
  http_client idle(srv.port());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  const auto start = std::chrono::steady_clock::now();
  srv.stop();
  srv.stop();  // idempotent
  io.join();   // run() returns once every connection and timer is gone
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_TRUE(stalled.read_until_closed());
  EXPECT_TRUE(idle.read_until_closed());
  boost::system::error_code ec;
  tcp::socket probe(ioc);
  probe.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), srv.port()), ec);
  EXPECT_TRUE(ec);  // the listener is closed
}

TEST(Stop, BackgroundServerDestructorWithStalledClient) {
  auto s = std::make_unique<background_server>(plain());
  fault_rule rule;
  rule.what.kind = fault_kind::stall;
  (*s)->inject(rule);
  http_client c((*s)->port());
  c.write(http::verb::get, flows);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  s.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

// TLS: a client that trusts ca_pem() and checks the host name.
response tls_get(const server& srv, const std::string& host_to_verify, boost::system::error_code& ec) {
  asio::io_context ioc;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.add_certificate_authority(asio::buffer(srv.ca_pem()));
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  stream.set_verify_callback(asio::ssl::host_name_verification(host_to_verify));
  beast::get_lowest_layer(stream).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), srv.port()));
  stream.handshake(asio::ssl::stream_base::client, ec);
  if (ec) return {};
  http::request<http::string_body> req{http::verb::get, flows, 11};
  req.set(http::field::host, host_to_verify);
  req.set("x-api-key", "api_emulator_key");
  http::write(stream, req);
  beast::flat_buffer buffer;
  response res;
  http::read(stream, buffer, res);
  return res;
}

TEST(Tls, VerifiesAgainstTheGeneratedCa) {
  background_server s;  // TLS is the default
  EXPECT_EQ(s->base_url().rfind("https://127.0.0.1:", 0), 0u);
  EXPECT_NE(s->ca_pem().find("BEGIN CERTIFICATE"), std::string::npos);
  for (const char* host : {"127.0.0.1", "localhost"}) {
    boost::system::error_code ec;
    auto res = tls_get(s.get(), host, ec);
    ASSERT_FALSE(ec) << host << ": " << ec.message();
    EXPECT_EQ(res.result_int(), 200);
  }
}

TEST(Tls, HostNameMismatchFailsTheHandshake) {
  server_options o;
  o.certificate_names = {"emulator.invalid"};
  background_server s(o);
  boost::system::error_code ec;
  tls_get(s.get(), "127.0.0.1", ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace flowsdk::emulator::test

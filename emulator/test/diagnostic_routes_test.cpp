// The vendor-neutral streaming routes on the wire: chunked encoding, the SSE frame format,
// Last-Event-ID resumption, 204 past the end, dropped streams and keep-alive after a stream.

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

namespace flowsdk::emulator::test {
namespace {

server_options plain() {
  server_options o;
  o.tls = false;
  return o;
}

TEST(DiagnosticEvents, StreamsTheFramesChunkedAndKeepsTheConnection) {
  background_server s(plain());
  http_client c(s->port());
  auto res = c.request(http::verb::get, "/_emulator/v1/events?count=2&retry_ms=1500", {}, {});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_TRUE(res.chunked());
  EXPECT_EQ(res[http::field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_EQ(res[http::field::cache_control], "no-cache");
  EXPECT_EQ(res.body(),
            "retry: 1500\n\n"
            "id: 1\nevent: tick\ndata: {\"seq\":1}\n\n"
            "id: 2\nevent: tick\ndata: {\"seq\":2}\n\n"
            "id: 3\nevent: done\ndata: {\"seq\":3}\n\n");
  // The same connection serves the next request after the last chunk.
  EXPECT_EQ(c.request(http::verb::get, "/_emulator/v1/bytes?size=3", {}, {}).body(), "abc");
}

TEST(DiagnosticEvents, ResumesAfterLastEventIdWhichWinsOverAfter) {
  background_server s(plain());
  auto res = call(s->port(), http::verb::get, "/_emulator/v1/events?count=3&after=1&keepalive=1", {},
                  {{"Last-Event-ID", "2"}});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(),
            "retry: 3000\n\n"
            ": keepalive\n\nid: 3\nevent: tick\ndata: {\"seq\":3}\n\n"
            ": keepalive\n\nid: 4\nevent: done\ndata: {\"seq\":4}\n\n");
  EXPECT_EQ(call(s->port(), http::verb::get, "/_emulator/v1/events?count=3&after=4", {}, {}).result_int(), 204);
}

TEST(DiagnosticEvents, DropAfterCutsTheStreamWithoutTheLastChunk) {
  background_server s(plain());
  http_client c(s->port());
  c.write(http::verb::get, "/_emulator/v1/events?count=10&drop_after=2", {}, {});
  std::string received;
  c.read_until_closed(&received);
  EXPECT_NE(received.find("id: 2\n"), std::string::npos);
  EXPECT_EQ(received.find("id: 3\n"), std::string::npos);
  EXPECT_EQ(received.find("\r\n0\r\n\r\n"), std::string::npos);  // no last chunk
}

TEST(DiagnosticEvents, RejectsBadParametersWith422AndOtherMethodsWith405) {
  background_server s(plain());
  auto bad = call(s->port(), http::verb::get, "/_emulator/v1/events?count=x", {}, {});
  EXPECT_EQ(bad.result_int(), 422);
  EXPECT_EQ(parse(bad).at("code"), std::string("invalid_parameter"));
  EXPECT_EQ(call(s->port(), http::verb::get, "/_emulator/v1/events", {}, {{"Last-Event-ID", "abc"}}).result_int(), 422);
  EXPECT_EQ(call(s->port(), http::verb::post, "/_emulator/v1/events", "{}", {}).result_int(), 405);
}

TEST(DiagnosticBytes, SendsTheRequestedSizeInChunks) {
  background_server s(plain());
  auto res = call(s->port(), http::verb::get, "/_emulator/v1/bytes?size=100000&chunk=999", {}, {});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_TRUE(res.chunked());
  ASSERT_EQ(res.body().size(), 100000u);
  EXPECT_EQ(res.body().substr(26, 3), "abc");
  EXPECT_EQ(call(s->port(), http::verb::get, "/_emulator/v1/bytes?size=0", {}, {}).body(), "");
}

TEST(DiagnosticBytes, AnInjectedStatusReplacesTheStream) {
  background_server s(plain());
  fault_rule r;
  r.path_prefix = "/_emulator/v1/bytes";
  r.what.status = 503;
  s->inject(r);
  auto res = call(s->port(), http::verb::get, "/_emulator/v1/bytes?size=10", {}, {});
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_FALSE(res.chunked());
}

}  // namespace
}  // namespace flowsdk::emulator::test

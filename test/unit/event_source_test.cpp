#include "flowsdk/http/event_stream.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <optional>

using namespace flowsdk;
using namespace std::chrono;
namespace kit = flowsdk::testing;

namespace {

const http::origin emulated{true, "api.example.com", 443};

// An event_source over scripted streams whose reconnection waits are recorded, not slept.
struct fixture {
  std::shared_ptr<kit::fake_network> net = stream_network();
  std::vector<milliseconds> sleeps;
  http::transport transport{net, options()};

  // Streams only: once they are used up, an opening fails as a refused connection would.
  static std::shared_ptr<kit::fake_network> stream_network() {
    auto n = std::make_shared<kit::fake_network>();
    n->set_stream_default(kit::reply::failure(errc::connect_failed, false, "the script has ended"));
    return n;
  }

  http::transport_options options() {
    http::transport_options o;
    o.sleep = [this](milliseconds d) -> boost::asio::awaitable<void> {
      sleeps.push_back(d);
      co_return;
    };
    o.random01 = [] { return 0.0; };
    o.retry.max_retries = 0;  // reconnection is the source's business here
    return o;
  }

  event_source source(event_source_options o = {}) {
    auto is_terminal = [](const server_sent_event& e) { return e.type == "done"; };
    return event_source(transport, emulated, http::request(http::verb::get, "/runs/r1/events"), is_terminal, o);
  }

  // Every event until the end, as "type:id:data".
  std::vector<std::string> drain(event_source& s) {
    return flowsdk::test::run([](event_source& s) -> boost::asio::awaitable<std::vector<std::string>> {
      std::vector<std::string> out;
      while (auto e = co_await s.next()) out.push_back(e->type + ":" + e->id + ":" + e->data);
      co_return out;
    }(s));
  }

  error drain_expecting_error(event_source& s) {
    try {
      drain(s);
    } catch (const error& e) {
      return e;
    }
    ADD_FAILURE() << "expected flowsdk::error";
    return error(errc::invalid_argument, {});
  }
};

kit::reply events(std::vector<std::string> pieces, std::optional<errc> then_fail = std::nullopt) {
  auto s = kit::reply::events(std::move(pieces));
  if (then_fail) s.then_fail(*then_fail);
  return s;
}

struct tick {
  int seq = 0;
};
BOOST_DESCRIBE_STRUCT(tick, (), (seq))

}  // namespace

TEST(EventSource, SendsNothingBeforeTheFirstNext) {
  fixture f;
  auto s = f.source();
  EXPECT_TRUE(f.net->requests().empty());
  EXPECT_EQ(s.connections(), 0);
}

TEST(EventSource, ReadsEventsSplitAcrossPiecesUntilTheTerminalOne) {
  fixture f;
  f.net->push_stream(events({"retry: 10\n\nid: 1\nda", "ta: a\n\n: keepalive\n\nid: 2\n", "event: done\ndata: b\n\n"}));
  auto s = f.source();
  EXPECT_EQ(f.drain(s), (std::vector<std::string>{"message:1:a", "done:2:b"}));
  EXPECT_EQ(s.connections(), 1);
  EXPECT_TRUE(s.finished());
  const auto& req = f.net->requests().at(0);
  EXPECT_EQ(req.target, "/runs/r1/events");
  EXPECT_NE(std::find(req.headers.begin(), req.headers.end(),
                      std::pair<std::string, std::string>("Accept", "text/event-stream")),
            req.headers.end());
  EXPECT_EQ(f.net->header_values("Last-Event-ID"), std::vector<std::string>{""});
}

TEST(EventSource, ReconnectsWithLastEventIdAfterTheServersRetryWhenTheStreamDrops) {
  fixture f;
  f.net->push_stream(
      events({"retry: 250\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: par"}, errc::connection_lost));
  f.net->push_stream(events({"id: 3\ndata: c\n\n"}));  // ends cleanly but without the terminal event
  f.net->push_stream(events({"id: 4\nevent: done\ndata: d\n\n"}));
  auto s = f.source();
  EXPECT_EQ(f.drain(s), (std::vector<std::string>{"message:1:a", "message:2:b", "message:3:c", "done:4:d"}));
  EXPECT_EQ(f.net->header_values("Last-Event-ID"), (std::vector<std::string>{"", "2", "3"}));
  EXPECT_EQ(f.sleeps, (std::vector<milliseconds>{milliseconds(250), milliseconds(250)}));
  EXPECT_EQ(s.connections(), 3);
}

TEST(EventSource, ResumesFromASavedIdAndStopsOn204) {
  fixture f;
  f.net->push_stream(kit::reply::stream(204, {}, {}));
  event_source_options o;
  o.last_event_id = "41";
  auto s = f.source(o);
  EXPECT_TRUE(f.drain(s).empty());
  EXPECT_EQ(f.net->header_values("Last-Event-ID"), std::vector<std::string>{"41"});
  EXPECT_TRUE(f.sleeps.empty());
}

TEST(EventSource, BacksOffExponentiallyAndGivesUpAfterMaxReconnectsWithoutAnEvent) {
  fixture f;
  for (int i = 0; i < 4; ++i) {
    f.net->push_stream(kit::reply::failure(errc::connection_lost, true));
  }
  event_source_options o;
  o.reconnect_delay = milliseconds(100);
  o.max_reconnect_delay = milliseconds(300);
  o.max_reconnects = 3;
  auto s = f.source(o);
  auto e = f.drain_expecting_error(s);
  EXPECT_EQ(e.code(), errc::connection_lost);
  EXPECT_EQ(f.net->requests().size(), 4u);  // the first connection and three reconnections
  EXPECT_EQ(f.sleeps, (std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(300)}));
  EXPECT_TRUE(s.finished());
}

TEST(EventSource, AnEventResetsTheReconnectionBudget) {
  fixture f;
  event_source_options o;
  o.max_reconnects = 1;
  for (int i = 1; i <= 3; ++i)
    f.net->push_stream(events({"id: " + std::to_string(i) + "\ndata: x\n\n"}, errc::timeout));
  f.net->push_stream(events({"id: 4\nevent: done\ndata: x\n\n"}));
  auto s = f.source(o);
  EXPECT_EQ(f.drain(s).size(), 4u);
}

TEST(EventSource, AClientErrorOnReconnectionIsThrownAtOnce) {
  fixture f;
  f.net->push_stream(events({"id: 1\ndata: a\n\n"}, errc::connection_lost));
  f.net->push_stream(kit::reply::stream(404, {{"Content-Type", "application/json"}},
                                        {R"({"code":"not_found",)", R"("detail":"run not found"})"}));
  auto s = f.source();
  auto e = f.drain_expecting_error(s);
  EXPECT_EQ(e.code(), errc::not_found);
  EXPECT_EQ(e.details().http_status, 404u);
  EXPECT_EQ(e.details().body, R"({"code":"not_found","detail":"run not found"})");  // read whole from the stream
  EXPECT_EQ(f.net->requests().size(), 2u);
}

TEST(EventSource, RejectsAResponseThatIsNotAnEventStream) {
  fixture f;
  f.net->push_stream(kit::reply::stream(200, {{"Content-Type", "application/json"}}, {"{}"}));
  auto s = f.source();
  EXPECT_EQ(f.drain_expecting_error(s).code(), errc::protocol_error);
}

TEST(EventSource, WithoutATerminalTestACleanEndFinishesTheStream) {
  fixture f;
  f.net->push_stream(events({"data: only\n\n"}));
  event_source s(f.transport, emulated, http::request(http::verb::get, "/feed"));
  EXPECT_EQ(f.drain(s), std::vector<std::string>{"message::only"});
  EXPECT_EQ(f.net->requests().size(), 1u);
}

TEST(EventSource, AnOversizedEventEndsTheStreamWithBodyTooLarge) {
  fixture f;
  f.net->push_stream(events({"data: " + std::string(100, 'x')}));
  event_source_options o;
  o.max_event_bytes = 32;
  auto s = f.source(o);
  EXPECT_EQ(f.drain_expecting_error(s).code(), errc::body_too_large);
  EXPECT_TRUE(s.finished());
}

TEST(EventStream, DecodesJsonDataAndSkipsEventsTheDecoderDoesNotKnow) {
  fixture f;
  f.net->push_stream(events({"event: tick\ndata: {\"seq\":1}\n\nevent: novel\ndata: {}\n\n",
                             "event: tick\ndata: {\"seq\":2,\"extra\":true}\n\nevent: done\ndata: {\"seq\":3}\n\n"}));
  event_stream<tick> ticks(f.source(), [](const server_sent_event& e) -> std::optional<tick> {
    if (e.type == "novel") return std::nullopt;
    return event_stream<tick>::decode_json_data(e);
  });
  auto seqs = flowsdk::test::run([](event_stream<tick> s) -> boost::asio::awaitable<std::vector<int>> {
    std::vector<int> out;
    while (auto t = co_await s.next()) out.push_back(t->seq);
    co_return out;
  }(std::move(ticks)));
  EXPECT_EQ(seqs, (std::vector<int>{1, 2, 3}));
}

TEST(EventStream, ABadEventIsADecodeErrorNamingIt) {
  fixture f;
  f.net->push_stream(events({"id: 9\nevent: tick\ndata: {\"seq\":\"nine\"}\n\n"}));
  event_stream<tick> ticks(f.source(), event_stream<tick>::decode_json_data);
  try {
    flowsdk::test::run(ticks.next());
    FAIL() << "expected decode_error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_NE(std::string(e.what()).find("tick"), std::string::npos) << e.what();
  }
}

TEST(ResponseStream, AWholeBodyFakeSenderStreamsToo) {
  auto net = std::make_shared<kit::fake_network>();
  net->push(kit::reply::status(200, R"({"big":true})"));
  http::transport t(net);
  auto body = flowsdk::test::run([](http::transport t) -> boost::asio::awaitable<std::string> {
    http::response_stream s = co_await t.open(emulated, http::request(http::verb::get, "/x"));
    co_return co_await s.read_all(1024);
  }(t));
  EXPECT_EQ(body, R"({"big":true})");
}

TEST(ResponseStream, ReadAllStopsAtItsLimit) {
  fixture f;
  f.net->push_stream(events({"0123456789", "0123456789"}));
  try {
    flowsdk::test::run([](http::transport t) -> boost::asio::awaitable<std::string> {
      http::response_stream s = co_await t.open(emulated, http::request(http::verb::get, "/x"));
      co_return co_await s.read_all(15);
    }(f.transport));
    FAIL() << "expected body_too_large";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::body_too_large);
  }
}

TEST(EventSource, TheSavedIdIsThatOfTheLastEventHandedOut) {
  fixture f;
  f.net->push_stream(events({"id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n"}));
  auto s = f.source();
  auto first = flowsdk::test::run(s.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(s.last_event_id(), "1");  // 2 and 3 are parsed but not handed out yet
  s.close();
  EXPECT_EQ(s.last_event_id(), "1");
}

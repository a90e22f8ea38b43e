// The transport's observer hooks over the testing kit's fake network: one attempt event per
// attempt with its retry decision, reason and backoff; redaction of the target; a hook that
// throws; the hook's executor; traceparent propagation and trace_context validation.
#include "flowsdk/http/observer.hpp"
#include "flowsdk/http/trace_context.hpp"
#include "flowsdk/testing/fake_network.hpp"
#include "flowsdk/testing/make_client.hpp"
#include "flowsdk/testing/run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using flowsdk::errc;
using flowsdk::testing::fake_network;
using flowsdk::testing::reply;
using flowsdk::testing::run;
namespace http = flowsdk::http;
namespace asio = boost::asio;
using decision = http::attempt_event::decision_kind;
using namespace std::chrono;

namespace {

const http::origin api{true, "api.example.com", 443};

// An attempt event with its views copied out.
struct seen_attempt {
  std::string method, target, host, reason, request_id, traceparent, cause;
  int attempt = 0;
  unsigned status = 0;
  std::error_code error;
  decision verdict = decision::failed;
  milliseconds backoff{0};
  std::size_t bytes_sent = 0, bytes_received = 0;
};

class recorder : public http::observer {
 public:
  void on_attempt(const http::attempt_event& e) override {
    seen_attempt s;
    s.method = std::string(e.method);
    s.target = std::string(e.target);
    s.host = std::string(e.host);
    s.reason = std::string(e.reason);
    s.request_id = std::string(e.request_id);
    s.traceparent = std::string(e.traceparent);
    s.cause = std::string(e.cause);
    s.attempt = e.attempt;
    s.status = e.status;
    s.error = e.error;
    s.verdict = e.decision;
    s.backoff = e.backoff;
    s.bytes_sent = e.bytes_sent;
    s.bytes_received = e.bytes_received;
    std::lock_guard lock(mutex);
    attempts.push_back(std::move(s));
    threads.push_back(std::this_thread::get_id());
  }
  std::mutex mutex;
  std::vector<seen_attempt> attempts;
  std::vector<std::thread::id> threads;
};

class thrower : public http::observer {
 public:
  void on_attempt(const http::attempt_event&) override {
    ++calls;
    throw std::runtime_error("a broken hook");
  }
  int calls = 0;
};

struct fixture {
  std::shared_ptr<fake_network> net = std::make_shared<fake_network>();
  std::shared_ptr<recorder> seen = std::make_shared<recorder>();

  http::transport_options options() const {
    http::transport_options o;
    o.random01 = [] { return 0.0; };
    o.retry.initial_backoff = milliseconds(100);
    o.observer = seen;
    return o;
  }

  std::shared_ptr<http::transport> transport(http::transport_options o) {
    return flowsdk::testing::make_transport(net, std::move(o));
  }

  static flowsdk::error error_of(const std::shared_ptr<http::transport>& t, http::request req,
                                 flowsdk::request_options per_call = {}) {
    try {
      run(t->send(api, std::move(req), std::move(per_call)));
    } catch (const flowsdk::error& e) {
      return e;
    }
    ADD_FAILURE() << "expected flowsdk::error";
    return flowsdk::error(errc::invalid_argument, {});
  }
};

TEST(Observer, ARetriedCallGivesOneEventPerAttemptWithItsDecision) {
  fixture f;
  f.net->push(reply::status(503, "{}", {{"x-request-id", "req-1"}}));
  f.net->push(reply::status(200, R"({"ok":true})", {{"x-request-id", "req-2"}}));
  auto t = f.transport(f.options());
  http::request req(http::verb::get, "/v1/runs/r1");
  auto r = run(t->send(api, req));
  EXPECT_EQ(r.status, 200u);

  ASSERT_EQ(f.seen->attempts.size(), 2u);
  const auto& first = f.seen->attempts[0];
  EXPECT_EQ(first.method, "GET");
  EXPECT_EQ(first.target, "/v1/runs/r1");
  EXPECT_EQ(first.host, "api.example.com");
  EXPECT_EQ(first.attempt, 1);
  EXPECT_EQ(first.status, 503u);
  EXPECT_FALSE(first.error);
  EXPECT_EQ(first.verdict, decision::will_retry);
  EXPECT_EQ(first.reason, "503");
  EXPECT_EQ(first.backoff, milliseconds(100));  // initial_backoff, no jitter
  EXPECT_EQ(first.request_id, "req-1");
  EXPECT_EQ(first.bytes_received, 2u);
  const auto& second = f.seen->attempts[1];
  EXPECT_EQ(second.attempt, 2);
  EXPECT_EQ(second.status, 200u);
  EXPECT_EQ(second.verdict, decision::succeeded);
  EXPECT_EQ(second.reason, "");
  EXPECT_EQ(second.backoff, milliseconds(0));
  EXPECT_EQ(second.request_id, "req-2");
  EXPECT_EQ(second.bytes_received, std::string(R"({"ok":true})").size());
  EXPECT_EQ(f.net->backoffs(), std::vector<milliseconds>{milliseconds(100)});
}

TEST(Observer, TheReasonNamesWhatDecided) {
  fixture f;
  auto o = f.options();
  o.retry.max_retries = 1;
  auto t = f.transport(o);

  // A connection failure is retried, a Retry-After chooses the delay, the retries run out.
  f.net->push(reply::reset());
  f.net->push(reply::status(429, "{}", {{"Retry-After", "2"}}));
  auto e = fixture::error_of(t, http::request(http::verb::get, "/v1/a"));
  EXPECT_EQ(e.code(), errc::rate_limited);
  ASSERT_EQ(f.seen->attempts.size(), 2u);
  EXPECT_EQ(f.seen->attempts[0].error, errc::connection_lost);
  EXPECT_EQ(f.seen->attempts[0].status, 0u);
  EXPECT_EQ(f.seen->attempts[0].reason, "connection_lost");
  EXPECT_EQ(f.seen->attempts[0].verdict, decision::will_retry);
  EXPECT_EQ(f.seen->attempts[1].verdict, decision::failed);
  EXPECT_EQ(f.seen->attempts[1].reason, "retries exhausted");

  f.seen->attempts.clear();
  f.net->push(reply::status(503, "{}", {{"Retry-After", "3"}}));
  f.net->push(reply::status(404));
  e = fixture::error_of(t, http::request(http::verb::get, "/v1/b"));
  EXPECT_EQ(e.code(), errc::not_found);
  ASSERT_EQ(f.seen->attempts.size(), 2u);
  EXPECT_EQ(f.seen->attempts[0].reason, "Retry-After");
  EXPECT_EQ(f.seen->attempts[0].backoff, seconds(3));
  EXPECT_EQ(f.seen->attempts[1].reason, "not retryable");

  // A POST without an idempotency key is not resent after a 503.
  f.seen->attempts.clear();
  f.net->push(reply::status(503));
  http::request post(http::verb::post, "/v1/c");
  post.body = R"({"x":1})";
  e = fixture::error_of(t, post);
  ASSERT_EQ(f.seen->attempts.size(), 1u);
  EXPECT_EQ(f.seen->attempts[0].reason, "not idempotent");
  EXPECT_EQ(f.seen->attempts[0].bytes_sent, post.body.size());

  // The next attempt would end after the call's deadline.
  f.seen->attempts.clear();
  f.net->push(reply::status(503, "{}", {{"Retry-After", "10"}}));
  flowsdk::request_options soon;
  soon.timeout = seconds(5);
  e = fixture::error_of(t, http::request(http::verb::get, "/v1/d"), soon);
  ASSERT_EQ(f.seen->attempts.size(), 1u);
  EXPECT_EQ(f.seen->attempts[0].reason, "deadline");
}

TEST(Observer, SecretsInTheTargetAreRedacted) {
  fixture f;
  auto t = f.transport(f.options());
  run(t->send(api, http::request(http::verb::get,
                                 "/v1/hooks/tnx_abcdef123456?name=kept&token=t0ps3cret&api%5Fkey=k1&sig=s1&code=c1"
                                 "&Password=p1&page=2")));
  ASSERT_EQ(f.seen->attempts.size(), 1u);
  EXPECT_EQ(f.seen->attempts[0].target,
            "/v1/hooks/<redacted>?name=kept&token=<redacted>&api%5Fkey=<redacted>&sig=<redacted>&code=<redacted>"
            "&Password=<redacted>&page=2");
  // The request itself went out as given.
  EXPECT_NE(f.net->last_request().target.find("token=t0ps3cret"), std::string::npos);
}

TEST(Observer, AnExceptionFromAHookIsDroppedAndTheCallGoesOn) {
  fixture f;
  auto broken = std::make_shared<thrower>();
  auto o = f.options();
  o.observer = broken;
  auto t = f.transport(o);
  f.net->push(reply::status(503));
  f.net->push(reply::status(200));
  EXPECT_EQ(run(t->send(api, http::request(http::verb::get, "/v1/runs/r1"))).status, 200u);
  EXPECT_EQ(broken->calls, 2);
  EXPECT_EQ(f.net->attempts(), 2u);
}

TEST(Observer, NoObserverNoEventsAndTheSameResult) {
  fixture f;
  auto o = f.options();
  o.observer = nullptr;
  auto t = f.transport(o);
  f.net->push(reply::status(503));
  EXPECT_EQ(run(t->send(api, http::request(http::verb::get, "/v1/runs/r1"))).status, 200u);
  EXPECT_TRUE(f.seen->attempts.empty());
}

// Checks, in the hook, that it runs on the strand of the call it reports (the call's index is
// the last segment of its target).
class strand_checker : public http::observer {
 public:
  explicit strand_checker(std::vector<asio::strand<asio::thread_pool::executor_type>> s) : strands(std::move(s)) {}
  void on_attempt(const http::attempt_event& e) override {
    const auto i = std::stoul(std::string(e.target.substr(e.target.rfind('/') + 1)));
    if (strands.at(i).running_in_this_thread()) ++on_strand;
    ++calls;
  }
  std::vector<asio::strand<asio::thread_pool::executor_type>> strands;
  std::atomic<int> on_strand{0};
  std::atomic<int> calls{0};
};

TEST(Observer, HooksRunOnTheCallersExecutorOnAFourThreadPool) {
  fixture f;
  f.net->set_default(reply::status(200));
  asio::thread_pool pool(4);
  constexpr std::size_t calls = 40;
  std::vector<asio::strand<asio::thread_pool::executor_type>> strands;
  for (std::size_t i = 0; i < calls; ++i) strands.push_back(asio::make_strand(pool.get_executor()));
  auto checker = std::make_shared<strand_checker>(strands);
  auto o = f.options();
  o.observer = checker;
  auto t = f.transport(o);
  std::vector<std::future<http::response>> done;
  for (std::size_t i = 0; i < calls; ++i) {
    done.push_back(asio::co_spawn(
        strands[i], t->send(api, http::request(http::verb::get, "/v1/runs/" + std::to_string(i))), asio::use_future));
  }
  for (auto& d : done) d.get();
  pool.join();
  EXPECT_EQ(checker->calls.load(), static_cast<int>(calls));
  EXPECT_EQ(checker->on_strand.load(), static_cast<int>(calls));
}

TEST(Observer, TheTraceContextIsSentOnEveryAttempt) {
  fixture f;
  auto t = f.transport(f.options());
  f.net->push(reply::status(503));
  f.net->push(reply::status(200));
  flowsdk::request_options traced;
  traced.trace = http::trace_context::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=a1");
  run(t->send(api, http::request(http::verb::get, "/v1/runs/r1"), traced));
  ASSERT_EQ(f.net->requests().size(), 2u);
  for (const auto& sent : f.net->requests()) {
    EXPECT_EQ(sent.header("traceparent"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    EXPECT_EQ(sent.header("tracestate"), "vendor=a1");
  }
  EXPECT_EQ(f.seen->attempts.at(1).traceparent, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
}

TEST(Observer, ATraceparentOfTheCallersOwnIsNotOverwritten) {
  fixture f;
  auto o = f.options();
  int asked = 0;
  o.trace_provider = [&asked]() -> std::optional<http::trace_context> {
    ++asked;
    return http::trace_context::make("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
  };
  auto t = f.transport(o);
  flowsdk::request_options own;
  own.extra_headers.emplace_back("traceparent", "00-11111111111111111111111111111111-2222222222222222-00");
  run(t->send(api, http::request(http::verb::get, "/v1/a"), own));
  EXPECT_EQ(f.net->last_request().header("traceparent"), "00-11111111111111111111111111111111-2222222222222222-00");
  EXPECT_FALSE(f.net->last_request().has_header("tracestate"));

  // Without one, the provider's is sent, asked once per call.
  f.net->push(reply::status(503));
  run(t->send(api, http::request(http::verb::get, "/v1/b")));
  EXPECT_EQ(f.net->last_request().header("traceparent"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(asked, 2);

  // A provider that throws sends nothing and fails nothing.
  o.trace_provider = []() -> std::optional<http::trace_context> { throw std::runtime_error("no span"); };
  auto quiet = f.transport(o);
  run(quiet->send(api, http::request(http::verb::get, "/v1/c")));
  EXPECT_FALSE(f.net->last_request().has_header("traceparent"));
}

TEST(TraceContext, ParsesAndRejectsPerW3c) {
  auto t = http::trace_context::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(t.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t.parent_id(), "00f067aa0ba902b7");
  EXPECT_TRUE(t.sampled());
  EXPECT_FALSE(http::trace_context::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").sampled());
  // A later version may carry more fields.
  EXPECT_TRUE(http::trace_context::try_parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));

  for (const char* bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",       // no flags
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",    // upper case
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",    // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",    // zero parent id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // forbidden version
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // version 00 is exact
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",    // flags not hex
       }) {
    EXPECT_FALSE(http::trace_context::try_parse(bad)) << bad;
    try {
      http::trace_context::parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), errc::invalid_argument);
    }
  }
  EXPECT_FALSE(
      http::trace_context::try_parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=1\r\nX-Evil: 1"));
  EXPECT_FALSE(
      http::trace_context::try_parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", std::string(513, 'a')));
}

}  // namespace

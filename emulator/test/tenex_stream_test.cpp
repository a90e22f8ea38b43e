// The 10ex run event stream (SSE), its test hooks, the per-key rate limit and signed webhook
// deliveries, against runs that execute in real time (short step durations).

#include "flowsdk/emulator/server.hpp"
#include "tenex_test_support.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace flowsdk::emulator::test {
namespace {

using namespace std::chrono_literals;

const headers& alpha = tenex_alpha;
const std::string& api = tenex_api;

server_options fast_options() {
  server_options o = tenex_timed_options(150ms, 30ms, 20ms);
  o.tenex.keepalive_interval = 40ms;
  o.tenex.webhook_time_scale = 0.01;
  return o;
}

// Reads raw bytes until the server closes or the chunked body's last chunk arrives.
boost::system::error_code read_stream(http_client& c, std::string& raw) {
  char buf[4096];
  for (;;) {
    boost::system::error_code ec;
    const auto n = c.socket().read_some(asio::buffer(buf), ec);
    raw.append(buf, n);
    if (ec) return ec;
    if (raw.ends_with("\r\n0\r\n\r\n")) return {};
  }
}

struct frame {
  std::string id, event;
  json::object data;
};

// Frames of an SSE body (the comments and the retry field left out).
std::vector<frame> frames(std::string_view body) {
  std::vector<frame> out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find("\n\n", pos);
    if (end == std::string_view::npos) end = body.size();
    const auto block = body.substr(pos, end - pos);
    pos = end + 2;
    frame f;
    std::size_t lp = 0;
    while (lp < block.size()) {
      auto le = block.find('\n', lp);
      if (le == std::string_view::npos) le = block.size();
      const auto line = block.substr(lp, le - lp);
      lp = le + 1;
      if (line.starts_with("id: ")) f.id = line.substr(4);
      if (line.starts_with("event: ")) f.event = line.substr(7);
      if (line.starts_with("data: ")) {
        EXPECT_EQ(line.find('\n'), std::string_view::npos);
        f.data = json::parse(line.substr(6)).as_object();
      }
    }
    if (!f.event.empty()) out.push_back(std::move(f));
  }
  return out;
}

std::string hmac_hex(const std::string& key, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), mac, &n);
  std::string out;
  char buf[3];
  for (unsigned int k = 0; k < n; ++k) {
    std::snprintf(buf, sizeof buf, "%02x", mac[k]);
    out += buf;
  }
  return out;
}

class TenexStream : public ::testing::Test {
 protected:
  explicit TenexStream(server_options o = fast_options()) : server_(std::move(o)) {}

  json::value ok(http::verb m, const std::string& path, const std::string& b = {}, int status = 200) {
    auto res = call(server_->port(), m, api + path, b, alpha);
    EXPECT_EQ(res.result_int(), status) << m << " " << path << " -> " << res.body();
    return res.body().empty() ? json::value() : parse(res);
  }
  std::string start() {
    return str(ok(http::verb::post, "/workflows/" + server_->seed().tenex.workspaces.at(0).workflow_id + "/runs",
                  R"({"input":{"lead_id":"l1"}})", 202)
                   .at("id"));
  }
  response stream(const std::string& run, const headers& extra = {}, const std::string& query = {}) {
    headers h = alpha;
    h.insert(h.end(), extra.begin(), extra.end());
    return call(server_->port(), http::verb::get, api + "/runs/" + run + "/events" + query, {}, h);
  }
  void wait_terminal(const std::string& run) {
    for (int k = 0; k < 400; ++k) {
      const auto s = str(ok(http::verb::get, "/runs/" + run).at("status"));
      if (s == "succeeded" || s == "failed" || s == "cancelled") return;
      std::this_thread::sleep_for(5ms);
    }
    FAIL() << "run " << run << " did not finish";
  }

  background_server server_;
};

TEST_F(TenexStream, FreshConnectionGetsSnapshotLiveEventsAndCloses) {
  const auto id = start();
  const auto res = stream(id, {{"accept", "text/event-stream"}});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_EQ(res[http::field::cache_control], "no-cache");
  EXPECT_EQ(res[http::field::connection], "keep-alive");
  EXPECT_EQ(res["x-accel-buffering"], "no");
  EXPECT_TRUE(res.chunked());
  const std::string& body = res.body();
  EXPECT_TRUE(body.starts_with("retry: 3000\n\n")) << body.substr(0, 40);
  EXPECT_NE(body.find(": keepalive\n\n"), std::string::npos);  // the 150 ms queue is silence
  const auto f = frames(body);
  ASSERT_GE(f.size(), 3u);
  EXPECT_EQ(f[0].event, "run.snapshot");
  EXPECT_EQ(f[0].id, "0");
  EXPECT_EQ(f[0].data.at("seq"), json::value(0));
  EXPECT_EQ(f[0].data.at("run").at("status"), json::value("queued"));
  EXPECT_TRUE(f[0].data.at("steps").as_array().empty());
  for (std::size_t k = 1; k < f.size(); ++k) {
    EXPECT_EQ(f[k].id, std::to_string(k));
    EXPECT_EQ(f[k].data.at("seq"), json::value(static_cast<std::int64_t>(k)));
    EXPECT_EQ(f[k].data.at("run_id"), json::value(id));
    EXPECT_TRUE(f[k].data.at("at").is_string());
  }
  EXPECT_EQ(f[1].event, "run.status");
  EXPECT_EQ(f.back().event, "run.succeeded");
}

TEST_F(TenexStream, StartAndStreamInOneResponse) {
  const auto& wf = server_->seed().tenex.workspaces.at(0).workflow_id;
  headers h = alpha;
  h.emplace_back("accept", "text/event-stream");
  const auto res =
      call(server_->port(), http::verb::post, api + "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l1"}})", h);
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_type], "text/event-stream; charset=utf-8");
  const auto f = frames(res.body());
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(f[0].event, "run.snapshot");
  const auto id = str(f[0].data.at("run_id"));
  EXPECT_EQ(res[http::field::location], "/api/v1/flows/runs/" + id);
  EXPECT_EQ(f.back().event, "run.succeeded");
  EXPECT_EQ(str(ok(http::verb::get, "/runs/" + id).at("status")), "succeeded");
}

TEST_F(TenexStream, ResumeReplaysTerminalRunsAnd204) {
  const auto id = start();
  wait_terminal(id);
  const auto all = frames(stream(id, {}, "?after=0").body());
  ASSERT_EQ(all.size(), 8u);
  EXPECT_EQ(all[0].id, "1");  // no snapshot on resume
  // Last-Event-ID wins over ?after=.
  auto f = frames(stream(id, {{"last-event-id", "5"}}, "?after=1").body());
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].id, "6");
  EXPECT_EQ(f.back().event, "run.succeeded");
  // A fresh connection to a terminal run: snapshot (id = terminal - 1) and the terminal event.
  f = frames(stream(id).body());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].event, "run.snapshot");
  EXPECT_EQ(f[0].id, "7");
  EXPECT_EQ(f[0].data.at("run").at("status"), json::value("succeeded"));
  EXPECT_EQ(f[0].data.at("steps").as_array().size(), 4u);
  EXPECT_EQ(f[1].id, "8");
  // Past the terminal event: 204, nothing more will ever be sent.
  auto res = stream(id, {{"last-event-id", "8"}});
  EXPECT_EQ(res.result_int(), 204);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(stream(id, {}, "?after=9").result_int(), 204);
  res = stream(id, {}, "?after=x");
  EXPECT_EQ(res.result_int(), 422);
  EXPECT_EQ(parse(res).at("detail").at(0).at("loc"), json::parse(R"(["query","after"])"));
  EXPECT_EQ(stream(id, {{"last-event-id", "-3"}}).result_int(), 422);
  EXPECT_EQ(stream("run_nope").result_int(), 404);
}

TEST_F(TenexStream, KeepaliveDuringSilence) {
  const auto wf =
      str(ok(http::verb::post, "/workflows",
             R"({"name":"h","graph":{"steps":[{"id":"h","type":"agent","config":{"emulator":{"hang":true}}}]}})", 201)
              .at("id"));
  ok(http::verb::post, "/workflows/" + wf + "/versions/1/activate");
  const auto id = str(ok(http::verb::post, "/workflows/" + wf + "/runs", "{}", 202).at("id"));
  http_client c(server_->port(), 2s);
  c.write(http::verb::get, api + "/runs/" + id + "/events", {}, alpha);
  std::string got;
  char buf[4096];
  const auto until = std::chrono::steady_clock::now() + 2s;
  std::size_t keepalives = 0;
  while (std::chrono::steady_clock::now() < until && keepalives < 3) {
    boost::system::error_code ec;
    const auto n = c.socket().read_some(asio::buffer(buf), ec);
    ASSERT_FALSE(ec) << ec.message();
    got.append(buf, n);
    // Keepalives while the hung step is silent.
    keepalives = 0;
    const auto started = got.find("event: step.started");
    if (started == std::string::npos) continue;
    for (auto p = got.find(": keepalive\n\n", started); p != std::string::npos; p = got.find(": keepalive\n\n", p + 1))
      ++keepalives;
  }
  EXPECT_GE(keepalives, 3u);
  ok(http::verb::post, "/runs/" + id + "/cancel", {}, 202);
}

server_options drop_options() {
  auto o = fast_options();
  o.tenex.stream_drop_after = 2;
  return o;
}

class TenexStreamDrop : public TenexStream {
 protected:
  TenexStreamDrop() : TenexStream(drop_options()) {}
};

TEST_F(TenexStreamDrop, DropsAfterNEventsWithoutTheLastChunk) {
  const auto id = start();
  wait_terminal(id);
  std::string last_id = "0";
  std::vector<std::string> seen;
  for (int round = 0; round < 10 && (seen.empty() || seen.back() != "run.succeeded"); ++round) {
    http_client c(server_->port());
    c.write(http::verb::get, api + "/runs/" + id + "/events", {},
            {{"authorization", alpha[0].second}, {"last-event-id", last_id}});
    std::string raw;
    const auto ec = read_stream(c, raw);
    const bool terminal_chunk = raw.ends_with("\r\n0\r\n\r\n");
    EXPECT_TRUE(terminal_chunk || ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    // The id lines in the raw (chunked) bytes.
    for (auto p = raw.find("\nid: "); p != std::string::npos; p = raw.find("\nid: ", p + 1))
      last_id = raw.substr(p + 5, raw.find('\n', p + 5) - p - 5);
    for (auto p = raw.find("event: "); p != std::string::npos; p = raw.find("event: ", p + 1))
      seen.push_back(raw.substr(p + 7, raw.find('\n', p + 7) - p - 7));
    const bool terminal = raw.find("event: run.succeeded") != std::string::npos;
    EXPECT_EQ(raw.find("\r\n0\r\n\r\n") != std::string::npos, terminal) << raw;  // the last chunk only at the end
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(seen.back(), "run.succeeded");
}

server_options split_options() {
  auto o = fast_options();
  o.tenex.stream_split_frames = true;
  return o;
}

class TenexStreamSplit : public TenexStream {
 protected:
  TenexStreamSplit() : TenexStream(split_options()) {}
};

TEST_F(TenexStreamSplit, SplitFramesReassembleToTheSameEvents) {
  const auto id = start();
  http_client c(server_->port());
  c.write(http::verb::get, api + "/runs/" + id + "/events", {}, alpha);
  std::string raw;
  ASSERT_FALSE(read_stream(c, raw));
  // Rebuild the body from the chunks, counting them.
  const auto start_body = raw.find("\r\n\r\n") + 4;
  std::string body;
  std::size_t p = start_body, chunks = 0;
  for (;;) {
    const auto eol = raw.find("\r\n", p);
    ASSERT_NE(eol, std::string::npos);
    const auto size = std::stoul(raw.substr(p, eol - p), nullptr, 16);
    if (size == 0) break;
    body += raw.substr(eol + 2, size);
    p = eol + 2 + size + 2;
    ++chunks;
  }
  const auto f = frames(body);
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(f.back().event, "run.succeeded");
  EXPECT_GE(chunks, 3 * f.size());
  for (std::size_t k = 1; k < f.size(); ++k) EXPECT_EQ(f[k].data.at("seq"), json::value(static_cast<std::int64_t>(k)));
}

server_options crlf_options() {
  auto o = fast_options();
  o.tenex.stream_split_frames = true;
  o.tenex.stream_crlf = true;
  o.tenex.stream_retained_events = 2;
  return o;
}

class TenexStreamCrlf : public TenexStream {
 protected:
  TenexStreamCrlf() : TenexStream(crlf_options()) {}
};

TEST_F(TenexStreamCrlf, CutsBetweenCrAndLfAndInsideUtf8) {
  const auto& wf = server_->seed().tenex.workspaces.at(0).workflow_id;
  const auto id = str(
      ok(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"Zo\u00eb \u2713"}})", 202).at("id"));
  http_client c(server_->port());
  c.write(http::verb::get, api + "/runs/" + id + "/events", {}, alpha);
  std::string raw;
  ASSERT_FALSE(read_stream(c, raw));
  std::vector<std::string> chunks;
  for (std::size_t p = raw.find("\r\n\r\n") + 4;;) {
    const auto eol = raw.find("\r\n", p);
    ASSERT_NE(eol, std::string::npos);
    const auto size = std::stoul(raw.substr(p, eol - p), nullptr, 16);
    if (size == 0) break;
    chunks.push_back(raw.substr(eol + 2, size));
    p = eol + 2 + size + 2;
  }
  std::string body;
  bool cut_in_crlf = false, cut_in_utf8 = false;
  for (const auto& ch : chunks) {
    body += ch;
    cut_in_crlf = cut_in_crlf || ch.back() == '\r';
    cut_in_utf8 = cut_in_utf8 || (static_cast<unsigned char>(ch.back()) & 0xC0) == 0xC0;
  }
  EXPECT_TRUE(cut_in_crlf);
  EXPECT_TRUE(cut_in_utf8);
  EXPECT_TRUE(body.starts_with("retry: 3000\r\n\r\n"));
  std::string lf;
  for (std::size_t k = 0; k < body.size(); ++k)
    if (!(body[k] == '\r' && k + 1 < body.size() && body[k + 1] == '\n')) lf += body[k];
  const auto f = frames(lf);
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(str(f[0].data.at("run").at("input").at("lead_id")), "Zo\xc3\xab \xe2\x9c\x93");
  EXPECT_EQ(f.back().event, "run.succeeded");
}

TEST_F(TenexStreamCrlf, ResumingBeforeTheRetainedWindowStartsWithASnapshot) {
  const auto id = start();
  wait_terminal(id);
  const auto fix = [](std::string body) {
    std::string out;
    for (char ch : body)
      if (ch != '\r') out += ch;
    return out;
  };
  auto f = frames(fix(stream(id, {{"last-event-id", "3"}}).body()));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].event, "run.snapshot");
  EXPECT_EQ(f[0].id, "7");
  EXPECT_EQ(f[1].event, "run.succeeded");
  f = frames(fix(stream(id, {{"last-event-id", "6"}}).body()));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].id, "7");
  EXPECT_EQ(f[0].event, "step.completed");
}

class TenexStreamRefused : public ::testing::TestWithParam<tenex_stream_mode> {};

TEST_P(TenexStreamRefused, AnswersWithoutStreaming) {
  auto o = fast_options();
  o.tenex.stream_mode = GetParam();
  background_server s(o);
  const auto wf = s->seed().tenex.workspaces.at(0).workflow_id;
  const auto run = parse(
      call(s->port(), http::verb::post, api + "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"x"}})", alpha));
  const auto res = call(s->port(), http::verb::get, api + "/runs/" + str(run.at("id")) + "/events", {}, alpha);
  EXPECT_EQ(res[http::field::content_type], "application/json; charset=utf-8");
  const auto body = parse(res);
  switch (GetParam()) {
    case tenex_stream_mode::refuse_json:
      EXPECT_EQ(res.result_int(), 200);
      EXPECT_EQ(body.at("id"), run.at("id"));
      break;
    case tenex_stream_mode::refuse_406:
      EXPECT_EQ(res.result_int(), 406);
      EXPECT_EQ(body.at("code"), json::value("not_acceptable"));
      break;
    default:
      EXPECT_EQ(res.result_int(), 503);
      EXPECT_EQ(body.at("code"), json::value("upstream_unavailable"));
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, TenexStreamRefused,
                         ::testing::Values(tenex_stream_mode::refuse_json, tenex_stream_mode::refuse_406,
                                           tenex_stream_mode::refuse_503));

TEST(TenexRateLimit, TokenBucketPerKey) {
  auto o = fast_options();
  o.tenex.rate_limit_per_minute = 3;
  background_server s(o);
  for (int k = 0; k < 3; ++k)
    EXPECT_EQ(call(s->port(), http::verb::get, api + "/templates", {}, alpha).result_int(), 200);
  const auto res = call(s->port(), http::verb::get, api + "/templates", {}, alpha);
  ASSERT_EQ(res.result_int(), 429);
  const auto body = parse(res).as_object();
  EXPECT_EQ(body.size(), 2u);
  EXPECT_EQ(body.at("error"), json::value("rate_limited"));
  EXPECT_TRUE(body.at("message").is_string());
  EXPECT_TRUE(res[http::field::retry_after].empty());
  // Another key has its own bucket; advancing the emulator clock refills nothing (real time).
  EXPECT_EQ(
      call(s->port(), http::verb::get, api + "/templates", {}, {{"authorization", "Bearer tnx_emu2_betasecret0002"}})
          .result_int(),
      200);
  s->advance(std::chrono::hours(1));
  EXPECT_EQ(call(s->port(), http::verb::get, api + "/templates", {}, alpha).result_int(), 429);
}

TEST(TenexRateLimit, RetryAfterSwitch) {
  auto o = fast_options();
  o.tenex.rate_limit_per_minute = 1;
  o.tenex.rate_limit_retry_after = true;
  background_server s(o);
  EXPECT_EQ(call(s->port(), http::verb::get, api + "/templates", {}, alpha).result_int(), 200);
  const auto res = call(s->port(), http::verb::get, api + "/templates", {}, alpha);
  ASSERT_EQ(res.result_int(), 429);
  EXPECT_EQ(res[http::field::retry_after], "60");
}

/// A plain-HTTP receiver answering each request with the next status of a script (then its last).
class receiver {
 public:
  explicit receiver(std::vector<int> script)
      : script_(std::move(script)), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~receiver() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  struct got {
    std::string body, signature, event_id;
  };
  std::vector<got> received() {
    std::lock_guard lock(mutex_);
    return got_;
  }

 private:
  void serve() {
    for (std::size_t n = 0;; ++n) {
      tcp::socket s(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      beast::flat_buffer buf;
      http::request<http::string_body> req;
      http::read(s, buf, req, ec);
      if (ec) continue;
      {
        std::lock_guard lock(mutex_);
        got_.push_back({req.body(), std::string(req["X-10ex-Signature"]), std::string(req["X-10ex-Event-Id"])});
      }
      http::response<http::string_body> res{static_cast<http::status>(script_[std::min(n, script_.size() - 1)]), 11};
      res.body() = "{}";
      res.prepare_payload();
      http::write(s, res, ec);
    }
  }

  std::vector<int> script_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<got> got_;
  std::thread thread_;
};

json::array deliveries(std::uint16_t port) {
  return parse(call(port, http::verb::get, "/_emulator/tenex/deliveries", {}, {})).at("items").as_array();
}

TEST_F(TenexStream, WebhookDeliveriesAreSignedAndRetried) {
  receiver rx({500, 200});
  const auto& wf = server_->seed().tenex.workspaces.at(0).workflow_id;
  const auto trig = ok(http::verb::post, "/triggers",
                       R"({"source":"crm","target_type":"webhook","workflow_id":")" + wf +
                           R"(","target_url":"http://127.0.0.1:)" + std::to_string(rx.port()) + R"(/hook"})",
                       201);
  const auto id = start();
  wait_terminal(id);
  json::array d;
  for (int k = 0; k < 400 && d.size() < 3; ++k) {
    std::this_thread::sleep_for(5ms);
    d = deliveries(server_->port());
  }
  ASSERT_EQ(d.size(), 3u) << json::serialize(d);
  // flow.run.started: 500, then 200 on the retry 10 ms later; flow.run.succeeded: 200.
  std::map<std::string, std::vector<json::object>> by_type;
  for (const auto& x : d) by_type[str(x.at("type"))].push_back(x.as_object());
  ASSERT_EQ(by_type["flow.run.started"].size(), 2u);
  EXPECT_EQ(by_type["flow.run.started"][0].at("status"), json::value(500));
  EXPECT_EQ(by_type["flow.run.started"][0].at("attempt"), json::value(1));
  EXPECT_EQ(by_type["flow.run.started"][1].at("status"), json::value(200));
  EXPECT_EQ(by_type["flow.run.started"][1].at("attempt"), json::value(2));
  EXPECT_EQ(by_type["flow.run.started"][0].at("id"), by_type["flow.run.started"][1].at("id"));
  ASSERT_EQ(by_type["flow.run.succeeded"].size(), 1u);
  const auto got = rx.received();
  ASSERT_EQ(got.size(), 3u);
  for (const auto& g : got) {
    EXPECT_EQ(g.signature, "sha256=" + hmac_hex("whsec_alpha_emulator", g.body));
    const auto env = json::parse(g.body).as_object();
    EXPECT_EQ(env.size(), 5u);
    EXPECT_TRUE(str(env.at("id")).starts_with("evt_"));
    EXPECT_EQ(env.at("id"), json::value(g.event_id));
    EXPECT_EQ(env.at("company_id"), json::value("ws_alpha"));
    EXPECT_TRUE(env.at("occurred_at").is_string());
    EXPECT_EQ(env.at("data").at("run_id"), json::value(id));
    EXPECT_EQ(env.at("data").at("workflow_id"), json::value(wf));
  }
  for (const auto& x : d) {
    const auto body = str(x.at("body"));
    EXPECT_EQ(x.at("signature"), json::value("sha256=" + hmac_hex("whsec_alpha_emulator", body)));
    EXPECT_EQ(x.at("trigger_id"), trig.at("id"));
  }
  const auto succeeded = json::parse(str(by_type["flow.run.succeeded"][0].at("body")));
  EXPECT_EQ(succeeded.at("data").at("status"), json::value("succeeded"));
  EXPECT_TRUE(succeeded.at("data").at("output").is_object());
}

TEST_F(TenexStream, WebhookDeliveriesStopOn401AndAfterFiveRetries) {
  receiver unauthorized({401});
  receiver broken({503});
  const auto& wf = server_->seed().tenex.workspaces.at(0).workflow_id;
  for (auto port : {unauthorized.port(), broken.port()})
    ok(http::verb::post, "/triggers",
       R"({"source":"crm","target_type":"webhook","event_type":"flow.run.cancelled","workflow_id":")" + wf +
           R"(","target_url":"http://127.0.0.1:)" + std::to_string(port) + R"(/h"})",
       201);
  const auto id = start();
  ok(http::verb::post, "/runs/" + id + "/cancel", {}, 202);
  json::array d;
  for (int k = 0; k < 600 && d.size() < 7; ++k) {
    std::this_thread::sleep_for(5ms);
    d = deliveries(server_->port());
  }
  std::this_thread::sleep_for(100ms);  // nothing more may come
  d = deliveries(server_->port());
  ASSERT_EQ(d.size(), 7u) << json::serialize(d);
  int by401 = 0, by503 = 0;
  for (const auto& x : d) {
    EXPECT_EQ(x.at("type"), json::value("flow.run.cancelled"));
    (x.at("status") == json::value(401) ? by401 : by503)++;
  }
  EXPECT_EQ(by401, 1);
  EXPECT_EQ(by503, 6);  // the first attempt and five retries
  EXPECT_EQ(unauthorized.received().size(), 1u);
  EXPECT_EQ(call(server_->port(), http::verb::delete_, "/_emulator/tenex/deliveries", {}, {}).result_int(), 204);
  EXPECT_TRUE(deliveries(server_->port()).empty());
}

}  // namespace
}  // namespace flowsdk::emulator::test

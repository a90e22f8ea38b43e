// Webhook deliveries of run lifecycle events to triggers with target_type "webhook": the 10ex
// envelope, signed with X-10ex-Signature (https://docs.10ex.ai/guides/developers/webhooks), POSTed
// over plain HTTP, retried after 1, 2, 4, 8 and 16 s (times webhook_time_scale, on the emulator
// clock) unless the receiver answers 2xx, 401 or 403. Every attempt is recorded for
// GET /_emulator/tenex/deliveries.

#include "tenex/routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cmath>

namespace flowsdk::emulator::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using namespace tenex;

namespace {

constexpr int max_attempts = 6;  // the first and five retries

std::string signature_of(std::string_view secret, std::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &n);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int k = 0; k < n; ++k) {
    out += hex[mac[k] >> 4];
    out += hex[mac[k] & 15];
  }
  return out;
}

}  // namespace

void tenex_routes::notify_webhooks(workspace& ws, const run_rec& r, const std::string& type, epoch_ms at) {
  if (stopped_) return;
  for (const auto& [id, t] : ws.triggers) {
    if (!t.enabled || t.target_type != "webhook" || !t.target_url.is_string()) continue;
    if (t.workflow_id.is_string() && t.workflow_id.get_string() != r.workflow_id) continue;
    if (t.event_type.is_string() && t.event_type.get_string() != type) continue;
    json::object data{{"run_id", r.id},
                      {"workflow_id", r.workflow_id},
                      {"status", r.status},
                      {"version", r.version},
                      {"trigger", r.trigger}};
    if (r.status == "succeeded") data["output"] = r.output;
    if (r.status == "failed") data["error"] = r.error;
    const auto event_id = "evt_" + new_id("");
    const auto body = json::serialize(json::object{{"id", event_id},
                                                   {"type", type},
                                                   {"company_id", ws.id},
                                                   {"occurred_at", format_iso8601(at)},
                                                   {"data", std::move(data)}});
    const auto secret = options_.webhook_secrets.find(ws.id);
    auto sig = signature_of(secret == options_.webhook_secrets.end() ? std::string_view{} : secret->second, body);
    send_delivery(webhook_job(new_id("dlv_"), event_id, type, t.id, std::string(t.target_url.get_string()), body,
                              std::move(sig)));
  }
}

void tenex_routes::send_delivery(webhook_job job) {
  asio::co_spawn(executor_, post_webhook(shared_from_this(), std::move(job)), asio::detached);
}

asio::awaitable<void> tenex_routes::post_webhook(std::shared_ptr<tenex_routes> self, webhook_job job) {
  int status = 0;
  std::string error;
  try {
    // http://host[:port][/path]
    std::string_view url = job.url;
    if (!url.starts_with("http://")) throw std::runtime_error("only http:// targets are supported by the emulator");
    url.remove_prefix(7);
    const auto slash = url.find('/');
    const auto authority = url.substr(0, slash);
    const std::string target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    const auto colon = authority.rfind(':');
    const std::string host(authority.substr(0, colon));
    const std::string port = colon == std::string_view::npos ? "80" : std::string(authority.substr(colon + 1));

    auto ex = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(ex);
    beast::tcp_stream stream(ex);
    stream.expires_after(std::chrono::seconds(5));  // the ack budget of the 10ex guide
    const auto endpoints = co_await resolver.async_resolve(host, port, asio::use_awaitable);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, std::string(authority));
    req.set(http::field::content_type, "application/json");
    req.set(http::field::user_agent, "flowsdk-emulator-10ex-webhooks");
    req.set("X-10ex-Signature", job.signature);
    req.set("X-10ex-Event-Id", job.event_id);
    req.keep_alive(false);
    req.body() = job.body;
    req.prepare_payload();
    co_await http::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    co_await http::async_read(stream, buffer, res, asio::use_awaitable);
    status = static_cast<int>(res.result_int());
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& e) {
    error = e.what();
  }
  self->delivery_done(std::move(job), status, std::move(error));
}

void tenex_routes::delivery_done(webhook_job job, int status, std::string error) {
  std::lock_guard lock(mutex_);
  const auto now = clock_->now();
  delivery_rec d;
  d.id = job.delivery_id;
  d.event_id = job.event_id;
  d.event_type = job.event_type;
  d.trigger_id = job.trigger_id;
  d.url = job.url;
  d.body = job.body;
  d.signature = job.signature;
  d.attempt = job.attempt;
  d.status = status;
  d.error = std::move(error);
  d.at = now;
  deliveries_.push_back(std::move(d));
  const bool done = (status >= 200 && status < 300) || status == 401 || status == 403;
  if (done || job.attempt >= max_attempts || stopped_) return;
  const auto delay = static_cast<epoch_ms>(
      std::llround(1000.0 * static_cast<double>(1 << (job.attempt - 1)) * options_.webhook_time_scale));
  job.attempt += 1;
  clock_->at(now + delay, [self = shared_from_this(), job = std::move(job)] {
    {
      std::lock_guard relock(self->mutex_);
      if (self->stopped_) return;
    }
    self->send_delivery(job);
  });
}

}  // namespace flowsdk::emulator::detail

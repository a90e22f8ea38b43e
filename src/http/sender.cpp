#include "flowsdk/http/sender.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace flowsdk::http {

namespace {

// A body that is already in memory, served in one piece.
class memory_body final : public body_source {
 public:
  explicit memory_body(std::string body) : body_(std::move(body)) {}

  boost::asio::awaitable<body_chunk> read_some(std::chrono::steady_clock::time_point) override {
    body_chunk c;
    if (served_ || body_.empty()) {
      c.end = true;
    } else {
      c.bytes = body_;
      served_ = true;
    }
    co_return c;
  }

 private:
  std::string body_;
  bool served_ = false;
};

}  // namespace

boost::asio::awaitable<attempt_result> sender::open(const origin& to, const request& req,
                                                    std::chrono::steady_clock::time_point deadline) {
  attempt_result r = co_await send(to, req, deadline);
  if (!r.error) r.body_stream = std::make_shared<memory_body>(std::move(r.response.body));
  r.response.body.clear();
  co_return r;
}

}  // namespace flowsdk::http

#include "flowsdk/testing/reply.hpp"

#include <boost/json/serialize.hpp>

#include <memory>
#include <utility>

namespace flowsdk::testing {

namespace {

// A body served piece by piece, then its end or its failure (for ever after, as body_source
// promises).
class scripted_body final : public http::body_source {
 public:
  scripted_body(std::vector<std::string> pieces, std::optional<errc> failure, std::string cause)
      : pieces_(std::move(pieces)), failure_(failure), cause_(std::move(cause)) {}

  boost::asio::awaitable<http::body_chunk> read_some(std::chrono::steady_clock::time_point) override {
    http::body_chunk c;
    // Empty pieces are skipped: a read returns at least one byte, the end or a failure.
    while (next_ < pieces_.size() && pieces_[next_].empty()) ++next_;
    if (next_ < pieces_.size()) {
      c.bytes = pieces_[next_++];
    } else if (failure_) {
      c.error = *failure_;
      c.cause = cause_;
    } else {
      c.end = true;
    }
    co_return c;
  }

 private:
  std::vector<std::string> pieces_;
  std::size_t next_ = 0;
  std::optional<errc> failure_;
  std::string cause_;
};

}  // namespace

reply::reply() : reply(status(200)) {}

reply::reply(http::attempt_result result)
    : status_(result.response.status), headers_(std::move(result.response.headers)), cause_(std::move(result.cause)) {
  if (result.error) {
    // An attempt_result carries any error_code; a fake replays the flowsdk ones.
    failure_ =
        result.error.category() == error_category() ? static_cast<errc>(result.error.value()) : errc::connection_lost;
    may_have_been_sent_ = result.may_have_been_sent;
  }
  if (!result.response.body.empty()) pieces_.push_back(std::move(result.response.body));
}

reply reply::status(unsigned code, std::string body, http::header_list headers) {
  if (!body.empty()) headers.emplace_back("content-type", "application/json");
  return raw(code, std::move(body), std::move(headers));
}

reply reply::raw(unsigned code, std::string body, http::header_list headers) {
  std::vector<std::string> pieces;
  if (!body.empty()) pieces.push_back(std::move(body));
  return stream(code, std::move(headers), std::move(pieces));
}

reply reply::json(const boost::json::value& value, unsigned code) {
  return status(code, boost::json::serialize(value));
}

reply reply::stream(unsigned code, http::header_list headers, std::vector<std::string> pieces) {
  http::attempt_result r;
  r.response.status = code;
  reply out(std::move(r));
  out.headers_ = std::move(headers);
  out.pieces_ = std::move(pieces);
  return out;
}

reply reply::events(std::vector<std::string> pieces) {
  return stream(200, {{"Content-Type", "text/event-stream; charset=utf-8"}}, std::move(pieces));
}

reply reply::failure(errc code, bool may_have_been_sent, std::string cause) {
  http::attempt_result r;
  r.error = code;
  r.may_have_been_sent = may_have_been_sent;
  r.cause = std::move(cause);
  return reply(std::move(r));
}

reply reply::reset() { return failure(errc::connection_lost, true, "Connection reset by peer (scripted)"); }
reply reply::timeout() { return failure(errc::timeout, true, "the attempt deadline passed (scripted)"); }
reply reply::refused() { return failure(errc::connect_failed, false, "Connection refused (scripted)"); }

reply& reply::then_fail(errc code, std::string cause) & {
  body_failure_ = code;
  cause_ = std::move(cause);
  return *this;
}
reply&& reply::then_fail(errc code, std::string cause) && { return std::move(then_fail(code, std::move(cause))); }

reply& reply::with_header(std::string name, std::string value) & {
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}
reply&& reply::with_header(std::string name, std::string value) && {
  return std::move(with_header(std::move(name), std::move(value)));
}

reply& reply::with_cause(std::string cause) & {
  cause_ = std::move(cause);
  return *this;
}
reply&& reply::with_cause(std::string cause) && { return std::move(with_cause(std::move(cause))); }

http::attempt_result reply::whole() const {
  http::attempt_result r;
  if (failure_ || body_failure_) {
    r.error = failure_ ? *failure_ : *body_failure_;
    // A body that broke off was, by then, certainly sent.
    r.may_have_been_sent = failure_ ? may_have_been_sent_ : true;
    r.cause = cause_;
    return r;
  }
  r.response.status = status_;
  r.response.headers = headers_;
  for (const auto& p : pieces_) r.response.body += p;
  return r;
}

http::attempt_result reply::opened() const {
  if (failure_) return whole();
  http::attempt_result r;
  r.response.status = status_;
  r.response.headers = headers_;
  r.body_stream = std::make_shared<scripted_body>(pieces_, body_failure_, cause_);
  return r;
}

}  // namespace flowsdk::testing

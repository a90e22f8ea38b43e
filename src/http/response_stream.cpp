#include "flowsdk/http/response_stream.hpp"

#include "headers.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/system/system_error.hpp>

#include <mutex>

namespace flowsdk::http {

namespace asio = boost::asio;
using steady_clock = std::chrono::steady_clock;

struct response_stream::state {
  unsigned status = 0;
  header_list headers;
  // `body` and `reading` are shared with close(), which may run on another thread.
  std::mutex guard;
  std::shared_ptr<body_source> body;  // null once finished: the connection is then released
  std::chrono::milliseconds read_idle{60'000};
  std::string method;
  std::string target;
  std::uint64_t bytes_read = 0;
  bool reading = false;

  std::shared_ptr<body_source> current_body() {
    std::lock_guard lock(guard);
    return body;
  }
  void finish() {
    std::shared_ptr<body_source> ended;  // released outside the lock
    std::lock_guard lock(guard);
    ended = std::move(body);
  }

  [[noreturn]] void fail(std::error_code code, std::string cause) {
    finish();  // closes the connection: the rest of the body is lost
    error_details d;
    d.method = method;
    d.target = target;
    d.http_status = status;
    d.request_id = std::string(detail::request_id_of(headers));
    d.attempts = 1;
    d.cause = std::move(cause);
    throw error(code, std::move(d));
  }
};

response_stream::response_stream() : state_(std::make_shared<state>()) {}

response_stream::response_stream(unsigned status, header_list headers, std::shared_ptr<body_source> body,
                                 std::chrono::milliseconds read_idle, std::string method, std::string target)
    : state_(std::make_shared<state>()) {
  state_->status = status;
  state_->headers = std::move(headers);
  state_->body = std::move(body);
  state_->read_idle = read_idle;
  state_->method = std::move(method);
  state_->target = std::move(target);
}

response_stream::response_stream(response_stream&&) noexcept = default;
response_stream& response_stream::operator=(response_stream&&) noexcept = default;
response_stream::~response_stream() = default;

unsigned response_stream::status() const noexcept { return state_ ? state_->status : 0; }

const header_list& response_stream::headers() const noexcept {
  static const header_list none;
  return state_ ? state_->headers : none;
}

std::string_view response_stream::header(std::string_view name) const noexcept {
  return detail::find_header(headers(), name);
}

bool response_stream::finished() const noexcept { return !state_ || !state_->current_body(); }

std::uint64_t response_stream::bytes_read() const noexcept { return state_ ? state_->bytes_read : 0; }

void response_stream::set_read_idle(std::chrono::milliseconds idle) noexcept {
  if (state_) state_->read_idle = idle;
}

void response_stream::close() noexcept {
  if (!state_) return;
  std::shared_ptr<body_source> closing;  // destroyed outside the lock: that closes the connection
  std::lock_guard lock(state_->guard);
  if (!state_->body) return;
  if (state_->reading) state_->body->abort();  // the pending read ends now and reads as the end
  closing = std::move(state_->body);
}

asio::awaitable<std::string_view> response_stream::read_some() {
  if (!state_) state_ = std::make_shared<state>();  // a moved-from stream reads as finished
  return read_next(state_);
}

asio::awaitable<std::string> response_stream::read_all(std::size_t limit) {
  if (!state_) state_ = std::make_shared<state>();
  return read_rest(state_, limit);
}

asio::awaitable<std::string_view> response_stream::read_next(std::shared_ptr<state> st) {
  // Keeps the source alive across the wait even if close() runs meanwhile.
  std::shared_ptr<body_source> source;
  {
    std::lock_guard lock(st->guard);
    if (!st->body) co_return std::string_view{};
    if (st->reading) throw_invalid_argument("response_stream: a read is already in progress");
    source = st->body;
    st->reading = true;
  }
  body_chunk chunk;
  {
    struct reading_flag {
      state& st;
      ~reading_flag() {
        std::lock_guard lock(st.guard);
        st.reading = false;
      }
    } guard{*st};
    try {
      chunk = co_await source->read_some(steady_clock::now() + st->read_idle);
    } catch (const boost::system::system_error& e) {
      // Asio throws at a co_await once the caller's cancellation has been requested.
      if (e.code() != boost::asio::error::operation_aborted) throw;
      chunk.error = errc::cancelled;
      chunk.cause = "the operation was cancelled";
    }
  }
  // Closed while the read was pending: whatever it brought is dropped with the source.
  if (st->current_body() != source) co_return std::string_view{};
  if (chunk.error) st->fail(chunk.error, std::move(chunk.cause));
  if (chunk.end) {
    st->finish();  // gives the connection back as soon as the body has ended
    co_return std::string_view{};
  }
  st->bytes_read += chunk.bytes.size();
  co_return chunk.bytes;
}

asio::awaitable<std::string> response_stream::read_rest(std::shared_ptr<state> st, std::size_t limit) {
  std::string out;
  for (;;) {
    std::string_view piece = co_await read_next(st);
    if (piece.empty()) co_return out;
    if (piece.size() > limit - out.size())
      st->fail(errc::body_too_large, "the body exceeds the limit of " + std::to_string(limit) + " bytes");
    out.append(piece);
  }
}

}  // namespace flowsdk::http

#include "flowsdk/http/event_source.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/sse_parser.hpp"

#include "headers.hpp"

#include <boost/system/system_error.hpp>

#include <algorithm>
#include <exception>

namespace flowsdk {

namespace asio = boost::asio;
using std::chrono::milliseconds;

struct event_source::state {
  state(http::transport t, http::origin o, http::request r, terminal_test term, event_source_options opts,
        request_options pc, http::error_decoder dec)
      : transport(std::move(t)),
        to(std::move(o)),
        req(std::move(r)),
        is_terminal(std::move(term)),
        options(std::move(opts)),
        per_call(std::move(pc)),
        decoder(dec),
        parser(options.max_event_bytes ? options.max_event_bytes : transport.options().max_body_bytes) {
    parser.set_last_event_id(options.last_event_id);
    last_id = options.last_event_id;
  }

  http::transport transport;
  http::origin to;
  http::request req;
  terminal_test is_terminal;
  event_source_options options;
  request_options per_call;
  http::error_decoder decoder;

  sse_parser parser;
  http::response_stream stream;  // finished() when no connection is open
  std::string last_id;           // of the last event handed out, or as of the last reconnection
  int connections = 0;
  int openings = 0;  // attempts to connect, failed ones included
  int failures = 0;  // drops and failed openings since the last event
  bool terminal_seen = false;
  bool finished = false;
  bool busy = false;

  http::request request_for_next_connection() const {
    http::request r = req;
    r.headers.emplace_back("Accept", "text/event-stream");
    r.headers.emplace_back("Cache-Control", "no-cache");
    if (!parser.last_event_id().empty()) r.headers.emplace_back("Last-Event-ID", parser.last_event_id());
    return r;
  }

  milliseconds reconnect_delay() const {
    milliseconds d = std::min(parser.retry().value_or(options.reconnect_delay), options.max_reconnect_delay);
    for (int i = 1; i < failures && d < options.max_reconnect_delay; ++i) d *= 2;
    return std::min(d, options.max_reconnect_delay);
  }

  void end() noexcept {
    finished = true;
    stream.close();
  }

  [[noreturn]] void fail(errc code, std::string cause) {
    end();
    error_details d;
    d.method = std::string(boost::beast::http::to_string(req.method));
    d.target = req.target;
    d.attempts = openings;
    d.cause = std::move(cause);
    throw error(code, std::move(d));
  }
};

namespace {

// Failures that a later connection may not meet: worth reconnecting for.
bool reconnectable(std::error_code ec) {
  return ec == errc::timeout || ec == errc::connection_lost || ec == errc::connect_failed ||
         ec == errc::resolve_failed || ec == errc::server_error || ec == errc::rate_limited ||
         ec == errc::protocol_error;
}

bool is_event_stream(std::string_view content_type) {
  constexpr std::string_view expected = "text/event-stream";
  if (!http::detail::iequals(content_type.substr(0, expected.size()), expected)) return false;
  return content_type.size() == expected.size() || content_type[expected.size()] == ';' ||
         content_type[expected.size()] == ' ';
}

}  // namespace

event_source::event_source(http::transport transport, http::origin to, http::request req, terminal_test is_terminal,
                           event_source_options options, request_options per_call, http::error_decoder decoder)
    : state_(std::make_shared<state>(std::move(transport), std::move(to), std::move(req), std::move(is_terminal),
                                     std::move(options), std::move(per_call), decoder)) {}

event_source::event_source(event_source&&) noexcept = default;
event_source& event_source::operator=(event_source&&) noexcept = default;
event_source::~event_source() {
  if (state_) state_->end();
}

asio::awaitable<std::optional<server_sent_event>> event_source::next() {
  if (!state_) throw_invalid_argument("event_source: next() on a moved-from source");
  return next_on(state_);
}

const std::string& event_source::last_event_id() const noexcept {
  static const std::string none;
  return state_ ? state_->last_id : none;
}

int event_source::connections() const noexcept { return state_ ? state_->connections : 0; }

bool event_source::finished() const noexcept { return !state_ || state_->finished; }

void event_source::close() noexcept {
  if (state_) state_->end();
}

asio::awaitable<std::optional<server_sent_event>> event_source::next_on(std::shared_ptr<state> st) {
  if (st->busy) throw_invalid_argument("event_source: next() called while another next() is in progress");
  st->busy = true;
  struct idle_again {
    state& s;
    ~idle_again() { s.busy = false; }
  } guard{*st};

  try {
    // The loop is here, not in a coroutine of its own: one frame per event fewer.
    for (;;) {
      if (st->finished) co_return std::nullopt;
      if (auto e = st->parser.next_event()) {
        st->last_id = e->id;
        st->failures = 0;
        if (st->is_terminal && st->is_terminal(*e)) st->terminal_seen = true;
        co_return e;
      }

      if (st->stream.finished()) {
        st->last_id = st->parser.last_event_id();  // an id-only block may have moved it on
        if (st->openings > 0) {
          try {
            co_await st->transport.options().sleep(st->reconnect_delay());
          } catch (const boost::system::system_error& e) {
            if (e.code() != asio::error::operation_aborted) throw;
            st->fail(errc::cancelled, "cancelled while waiting to reconnect");
          }
          if (st->finished) co_return std::nullopt;  // closed while waiting
        }
        ++st->openings;
        std::exception_ptr failed;
        try {
          st->stream =
              co_await st->transport.open(st->to, st->request_for_next_connection(), st->per_call, st->decoder);
        } catch (const error& e) {
          if (!reconnectable(e.code()) || ++st->failures > st->options.max_reconnects) {
            st->end();
            throw;
          }
          failed = std::current_exception();
        }
        if (failed) continue;
        if (st->finished) {  // closed while connecting
          st->stream.close();
          co_return std::nullopt;
        }
        ++st->connections;
        if (st->options.read_idle) st->stream.set_read_idle(*st->options.read_idle);
        st->parser.discard_partial();
        if (st->stream.status() == 204) {
          st->end();  // the server says nothing more will ever be sent
          co_return std::nullopt;
        }
        if (!is_event_stream(st->stream.header("content-type")))
          st->fail(errc::protocol_error, "the response is not text/event-stream (Content-Type: \"" +
                                             std::string(st->stream.header("content-type")) + "\")");
      }

      std::string_view bytes;
      bool dropped = false;
      try {
        bytes = co_await st->stream.read_some();
      } catch (const error& e) {
        if (e.code() == errc::cancelled || !reconnectable(e.code()) ||
            (!st->terminal_seen && st->failures + 1 > st->options.max_reconnects)) {
          st->end();
          throw;
        }
        dropped = true;
      }
      if (st->finished) co_return std::nullopt;  // closed while reading
      if (!dropped && !bytes.empty()) {
        try {
          st->parser.feed(bytes);
        } catch (...) {
          st->end();
          throw;
        }
        continue;
      }
      // The body ended, cleanly or not.
      st->stream.close();
      st->parser.discard_partial();
      if (st->terminal_seen || (!dropped && !st->is_terminal)) {
        st->end();
        co_return std::nullopt;
      }
      if (++st->failures > st->options.max_reconnects)
        st->fail(errc::connection_lost, "the event stream ended " + std::to_string(st->failures) +
                                            " times in a row without an event and without its terminal event");
    }
  } catch (const boost::system::system_error& e) {
    // Asio throws at a co_await once the caller's cancellation has been requested.
    if (e.code() != asio::error::operation_aborted) throw;
    st->fail(errc::cancelled, "the operation was cancelled");
  }
}

}  // namespace flowsdk

#pragma once
#include "flowsdk/core/server_sent_event.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk {

/// An incremental parser of `text/event-stream` bodies (WHATWG HTML, "Server-sent events",
/// event stream interpretation): feed it bytes as they arrive, split anywhere, and take the
/// complete events out. Lines may end in LF, CRLF or CR; comments and unknown fields are
/// ignored; a block without data dispatches nothing but still sets the last event id.
class sse_parser {
 public:
  /// An event (its pending lines and data) larger than `max_event_bytes` makes feed() throw
  /// flowsdk::error(errc::body_too_large): an endless line must not become an endless buffer.
  explicit sse_parser(std::size_t max_event_bytes = 1024 * 1024);

  /// Parses `bytes`; complete events become available from next_event().
  void feed(std::string_view bytes);

  /// The oldest complete event not taken yet.
  std::optional<server_sent_event> next_event();

  /// Forgets a partly received event, as at the end of a stream or before a reconnection.
  /// The last event id and the retry time are kept.
  void discard_partial() noexcept;

  /// The id a reconnection sends as Last-Event-ID ("" for none): the id in effect at the last
  /// blank line, so an id whose event was cut off is not claimed as received.
  const std::string& last_event_id() const noexcept { return last_event_id_; }
  void set_last_event_id(std::string id) {
    id_buffer_ = id;
    last_event_id_ = std::move(id);
  }

  /// The reconnection time the server asked for with `retry:`, if it did.
  std::optional<std::chrono::milliseconds> retry() const noexcept { return retry_; }

 private:
  void process_line(std::string_view line);
  void dispatch();
  void check_size(std::size_t unbuffered) const;  // unbuffered: bytes of the current line not in line_

  std::size_t max_event_bytes_;
  std::string line_;      // the current line so far
  bool skip_lf_ = false;  // the last byte fed was a CR: a following LF belongs to it
  bool at_start_ = true;  // a UTF-8 byte order mark may open the stream
  std::string data_;
  std::string type_;
  bool has_data_ = false;
  std::string id_buffer_;  // the latest id field, committed at the next blank line
  std::string last_event_id_;
  std::optional<std::chrono::milliseconds> retry_;
  // Complete events from ready_[next_ready_] on; the ones before were taken (moved from). One
  // vector reused, not a deque: no block allocated and freed every few events.
  std::vector<server_sent_event> ready_;
  std::size_t next_ready_ = 0;
};

}  // namespace flowsdk

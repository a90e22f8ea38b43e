#pragma once
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <system_error>

namespace flowsdk::http {

/// One step of reading a body incrementally.
struct body_chunk {
  std::string_view bytes;  ///< the next bytes; valid until the next read from the same source
  bool end = false;        ///< the body is complete (`bytes` is then empty)
  std::error_code error;   ///< a flowsdk::errc: timeout, cancelled, connection_lost or protocol_error
  std::string cause;       ///< the underlying system or TLS message behind `error`
};

/// The unread rest of a response body, owned by whoever reads it. The real one holds the pooled
/// connection: it goes back to the pool once the body has been read to its end, and is closed if
/// the source is destroyed earlier. A fake sender may return its own (see docs/testing.md).
class body_source {
 public:
  virtual ~body_source() = default;

  /// Waits for the next bytes of the body until `deadline`, then returns whatever arrived (at
  /// least one byte), the end, or a failure. Responds to the caller's cancellation slot. After
  /// `end` or a failure, every further call returns the same.
  virtual boost::asio::awaitable<body_chunk> read_some(std::chrono::steady_clock::time_point deadline) = 0;

  /// Makes a pending read_some end soon (with errc::cancelled), from the executor the reader
  /// runs on. The default does nothing: the read ends when its bytes or its deadline come.
  virtual void abort() noexcept {}
};

}  // namespace flowsdk::http

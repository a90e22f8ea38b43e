#pragma once
#include "flowsdk/core/error.hpp"
#include "flowsdk/core/json.hpp"
#include "flowsdk/http/attempt_result.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::testing {

/// What a fake_network answers to one attempt: a response (whole, or a body in pieces that may
/// break off), or a failure instead of a response. Build one with the factories; the modifiers
/// chain on temporaries: `reply::events({"data: a\n\n"}).then_fail(errc::connection_lost)`.
class reply {
 public:
  /// 200 with the body `{}` (application/json).
  reply();
  /// An attempt result made by hand: its response (status, headers, body) or its failure.
  reply(http::attempt_result result);  // NOLINT(google-explicit-constructor): scripts list them

  /// `code` with `body` and `headers`; a non-empty body gets `content-type: application/json`
  /// added after the given headers.
  static reply status(unsigned code, std::string body = "{}", http::header_list headers = {});
  /// `code` with exactly these headers and body (no header added).
  static reply raw(unsigned code, std::string body, http::header_list headers = {});
  /// `value` serialised, as application/json.
  static reply json(const boost::json::value& value, unsigned code = 200);
  /// A model (any type with Boost.Describe metadata, or a vector or optional of one) encoded
  /// by the SDK's own JSON encoder (flowsdk/core/json.hpp), so keys follow the model's vendor
  /// naming style exactly as the client decodes them.
  template <class Model>
  static reply model(const Model& m, unsigned code = 200) {
    return json(flowsdk::json::encode(m), code);
  }
  /// A streamed body: `code`, `headers`, then `pieces`, each delivered by one read of the body.
  static reply stream(unsigned code, http::header_list headers, std::vector<std::string> pieces);
  /// A server-sent event stream: 200, `text/event-stream; charset=utf-8`, then `pieces`.
  static reply events(std::vector<std::string> pieces);

  /// No response: the attempt fails with `code`. `may_have_been_sent` false says the request
  /// provably never left (the transport may then retry even a POST).
  static reply failure(errc code, bool may_have_been_sent, std::string cause = "scripted failure");
  /// The connection was reset after the request went out: connection_lost, may have been sent.
  static reply reset();
  /// The attempt's deadline passed without a response: timeout, may have been sent. The fake
  /// does not wait for the deadline; it answers at once.
  static reply timeout();
  /// The connection was refused: connect_failed, never sent.
  static reply refused();

  /// After the pieces, the body breaks off with `code` (connection_lost: a cut-off body)
  /// instead of ending. A whole-response attempt (send) then fails with `code`.
  reply& then_fail(errc code, std::string cause = "scripted failure") &;
  reply&& then_fail(errc code, std::string cause = "scripted failure") &&;
  /// Adds a response header.
  reply& with_header(std::string name, std::string value) &;
  reply&& with_header(std::string name, std::string value) &&;
  /// Replaces the message behind a failure (attempt_result::cause, body_chunk::cause).
  reply& with_cause(std::string cause) &;
  reply&& with_cause(std::string cause) &&;

  /// The failure instead of a response; nullopt for a response.
  const std::optional<errc>& failure() const noexcept { return failure_; }
  unsigned status() const noexcept { return status_; }
  const http::header_list& headers() const noexcept { return headers_; }
  /// The body as its pieces; a whole body is one piece (none when empty).
  const std::vector<std::string>& pieces() const noexcept { return pieces_; }
  /// The failure that ends the body after its pieces; nullopt for a clean end.
  const std::optional<errc>& body_failure() const noexcept { return body_failure_; }

  /// What a whole-response attempt (http::sender::send) returns: the body joined, or the
  /// failure (the attempt's, or the body's with may_have_been_sent).
  http::attempt_result whole() const;
  /// What a streamed attempt (http::sender::open) returns: status and headers, with the body
  /// left in attempt_result::body_stream, served piece by piece.
  http::attempt_result opened() const;

 private:
  unsigned status_ = 200;
  http::header_list headers_;
  std::vector<std::string> pieces_;
  std::optional<errc> body_failure_;
  std::optional<errc> failure_;
  bool may_have_been_sent_ = true;
  std::string cause_ = "scripted failure";
};

}  // namespace flowsdk::testing

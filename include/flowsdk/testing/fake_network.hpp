#pragma once
#include "flowsdk/http/sender.hpp"
#include "flowsdk/testing/reply.hpp"
#include "flowsdk/testing/sent_request.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::testing {

/// A scripted network for unit tests: an http::sender that answers each attempt from a script
/// of replies and records every request it was given. A client over it runs everything above
/// the network for real (routes, encoding, retries, error mapping, decoding):
///
///     auto net = std::make_shared<flowsdk::testing::fake_network>();
///     net->push(flowsdk::testing::reply::status(503));       // the first attempt
///     net->push(flowsdk::testing::reply::model(run));         // the retry
///     auto client = flowsdk::testing::make_client(net, options);
///     ... co_await client.workflows().get_run("r1") ...
///     EXPECT_EQ(net->requests().size(), 2u);
///
/// Which reply answers an attempt, first match wins:
///   1. the reply given to fail_attempt(n) for the n-th attempt (counting every attempt, send
///      and open alike, from 1), which consumes nothing from the scripts;
///   2. for a streamed attempt (sender::open: event streams, large downloads) the next reply of
///      the stream script (push_stream), else the stream default if one is set;
///   3. the next reply of the script (push), else the default (200 `{}` until set_default).
/// A streamed attempt answered from the script gets the reply's body piece by piece; a whole
/// attempt answered with a streamed reply gets the pieces joined.
///
/// Threads: send and open may run concurrently from any thread (a mutex guards the scripts and
/// the record), and the scripting functions may be called between attempts. The references
/// requests() and last_request() return stay valid only while no attempt runs: read them when
/// the client is idle, e.g. after the io_context's run() has returned, as a client used from
/// one strand or one thread is between calls.
class fake_network : public http::sender {
 public:
  fake_network();

  /// Appends `r` to the script: it answers the next attempt the scripts reach.
  fake_network& push(reply r);
  /// Puts `r` at the front of the script: it answers the next attempt the script reaches.
  fake_network& push_front(reply r);
  /// Appends `r` to the stream script, which answers streamed attempts (sender::open) only,
  /// ahead of the script.
  fake_network& push_stream(reply r);
  /// Replaces the script with `replies`.
  void set_script(std::vector<reply> replies);
  /// Drops every reply not yet used, of both scripts.
  void clear_script();
  /// The n-th attempt (1 = the first this fake receives, send and open counted together) is
  /// answered with `r` instead of the scripts, which it leaves untouched. A later call for the
  /// same n replaces the earlier.
  void fail_attempt(std::size_t n, reply r);
  /// The answer once the script is used up (initially 200 with `{}`).
  void set_default(reply r);
  /// The answer to a streamed attempt once the stream script is used up. Without one (the
  /// initial state), such an attempt falls through to the script.
  void set_stream_default(reply r);

  /// Replies of the script, and of the stream script, not yet used.
  std::size_t pending() const;
  std::size_t pending_streams() const;
  /// Attempts received so far.
  std::size_t attempts() const;

  /// Every attempt received, in order. See the class comment for when the reference is valid.
  const std::vector<sent_request>& requests() const noexcept { return requests_; }
  /// The latest attempt. Throws std::logic_error when there was none.
  const sent_request& last_request() const;
  /// Copies of the attempts whose path (the target without its query) is `path`, in order;
  /// with `method`, only those of that method.
  std::vector<sent_request> requests_to(std::string_view path) const;
  std::vector<sent_request> requests_to(http::verb method, std::string_view path) const;
  /// The value of header `name` in each attempt, in order ("" where it was not sent): e.g.
  /// `header_values("Last-Event-ID")` across an event stream's reconnections.
  std::vector<std::string> header_values(std::string_view name) const;
  /// The delays the transport slept before retries, when it was made by make_transport
  /// without a sleep function of its own (then it records instead of sleeping).
  std::vector<std::chrono::milliseconds> backoffs() const;
  /// Called by make_transport's sleep function.
  void record_backoff(std::chrono::milliseconds d);

  boost::asio::awaitable<http::attempt_result> send(const http::origin& to, const http::request& req,
                                                    std::chrono::steady_clock::time_point deadline) override;
  boost::asio::awaitable<http::attempt_result> open(const http::origin& to, const http::request& req,
                                                    std::chrono::steady_clock::time_point deadline) override;

 private:
  // Records the attempt and picks its reply, under the lock.
  reply take(const http::origin& to, const http::request& req, std::chrono::steady_clock::time_point deadline,
             bool streamed);

  mutable std::mutex mutex_;
  std::deque<reply> script_;
  std::deque<reply> streams_;
  std::map<std::size_t, reply> failures_;
  reply default_;
  std::optional<reply> stream_default_;
  std::vector<sent_request> requests_;
  std::vector<std::chrono::milliseconds> backoffs_;
};

}  // namespace flowsdk::testing

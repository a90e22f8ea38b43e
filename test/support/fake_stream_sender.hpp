#pragma once
// A scripted network for streamed responses: each opening takes the next script, whose body
// arrives in the given pieces and then ends, or fails.

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/sender.hpp"

#include <deque>
#include <string>
#include <vector>

namespace flowsdk::test {

struct stream_script {
  unsigned status = 200;
  http::header_list headers{{"Content-Type", "text/event-stream; charset=utf-8"}};
  std::vector<std::string> pieces;
  errc then_fail{};  ///< after the pieces: this failure instead of the end (errc{} = a clean end)
  errc open_fail{};  ///< instead of a response: this failure (errc{} = none)
};

class scripted_body final : public http::body_source {
 public:
  explicit scripted_body(stream_script s) : script_(std::move(s)) {}

  boost::asio::awaitable<http::body_chunk> read_some(std::chrono::steady_clock::time_point) override {
    http::body_chunk c;
    if (next_ < script_.pieces.size()) {
      c.bytes = script_.pieces[next_++];
    } else if (script_.then_fail != errc{}) {
      c.error = script_.then_fail;
      c.cause = "scripted failure";
    } else {
      c.end = true;
    }
    co_return c;
  }

 private:
  stream_script script_;
  std::size_t next_ = 0;
};

class fake_stream_sender : public http::sender {
 public:
  boost::asio::awaitable<http::attempt_result> send(const http::origin&, const http::request&,
                                                    std::chrono::steady_clock::time_point) override {
    throw std::logic_error("fake_stream_sender serves only open()");
  }

  boost::asio::awaitable<http::attempt_result> open(const http::origin&, const http::request& req,
                                                    std::chrono::steady_clock::time_point) override {
    requests.push_back(req);
    http::attempt_result r;
    if (script.empty()) {
      r.error = errc::connect_failed;
      r.may_have_been_sent = false;
      r.cause = "the script has ended";
      co_return r;
    }
    stream_script s = std::move(script.front());
    script.pop_front();
    if (s.open_fail != errc{}) {
      r.error = s.open_fail;
      r.cause = "scripted failure";
      co_return r;
    }
    r.response.status = s.status;
    r.response.headers = s.headers;
    r.body_stream = std::make_shared<scripted_body>(std::move(s));
    co_return r;
  }

  /// The Last-Event-ID each opening sent ("" for none).
  std::vector<std::string> last_event_ids() const {
    std::vector<std::string> out;
    for (const auto& r : requests) {
      std::string id;
      for (const auto& [k, v] : r.headers)
        if (k == "Last-Event-ID") id = v;
      out.push_back(id);
    }
    return out;
  }

  std::deque<stream_script> script;
  std::vector<http::request> requests;
};

}  // namespace flowsdk::test

#pragma once
// A scripted network for unit tests: each attempt takes the next scripted result and records
// the request it was given.

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/sender.hpp"

#include <deque>
#include <vector>

namespace flowsdk::test {

class fake_sender : public http::sender {
 public:
  boost::asio::awaitable<http::attempt_result> send(const http::origin& to, const http::request& req,
                                                    std::chrono::steady_clock::time_point deadline) override {
    requests.push_back(req);
    origins.push_back(to);
    deadlines.push_back(deadline);
    if (script.empty()) co_return status(200, "{}");
    auto r = std::move(script.front());
    script.pop_front();
    co_return r;
  }

  static http::attempt_result status(unsigned code, std::string body = "{}", http::header_list headers = {}) {
    http::attempt_result r;
    r.response.status = code;
    r.response.body = std::move(body);
    r.response.headers = std::move(headers);
    if (!r.response.body.empty()) r.response.headers.emplace_back("content-type", "application/json");
    return r;
  }

  static http::attempt_result failure(errc e, bool may_have_been_sent) {
    http::attempt_result r;
    r.error = e;
    r.may_have_been_sent = may_have_been_sent;
    r.cause = "scripted failure";
    return r;
  }

  std::deque<http::attempt_result> script;
  std::vector<http::request> requests;
  std::vector<http::origin> origins;
  std::vector<std::chrono::steady_clock::time_point> deadlines;
};

}  // namespace flowsdk::test

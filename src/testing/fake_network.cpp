#include "flowsdk/testing/fake_network.hpp"

#include <stdexcept>
#include <utility>

namespace flowsdk::testing {

fake_network::fake_network() = default;

fake_network& fake_network::push(reply r) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(r));
  return *this;
}

fake_network& fake_network::push_front(reply r) {
  std::lock_guard lock(mutex_);
  script_.push_front(std::move(r));
  return *this;
}

fake_network& fake_network::push_stream(reply r) {
  std::lock_guard lock(mutex_);
  streams_.push_back(std::move(r));
  return *this;
}

void fake_network::set_script(std::vector<reply> replies) {
  std::lock_guard lock(mutex_);
  script_.assign(std::make_move_iterator(replies.begin()), std::make_move_iterator(replies.end()));
}

void fake_network::clear_script() {
  std::lock_guard lock(mutex_);
  script_.clear();
  streams_.clear();
}

void fake_network::fail_attempt(std::size_t n, reply r) {
  if (n == 0) throw std::invalid_argument("fake_network::fail_attempt: attempts count from 1");
  std::lock_guard lock(mutex_);
  failures_.insert_or_assign(n, std::move(r));
}

void fake_network::set_default(reply r) {
  std::lock_guard lock(mutex_);
  default_ = std::move(r);
}

void fake_network::set_stream_default(reply r) {
  std::lock_guard lock(mutex_);
  stream_default_ = std::move(r);
}

std::size_t fake_network::pending() const {
  std::lock_guard lock(mutex_);
  return script_.size();
}

std::size_t fake_network::pending_streams() const {
  std::lock_guard lock(mutex_);
  return streams_.size();
}

std::size_t fake_network::attempts() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

const sent_request& fake_network::last_request() const {
  std::lock_guard lock(mutex_);
  if (requests_.empty()) throw std::logic_error("fake_network::last_request: no request was sent");
  return requests_.back();
}

std::vector<sent_request> fake_network::requests_to(std::string_view path) const {
  std::lock_guard lock(mutex_);
  std::vector<sent_request> out;
  for (const auto& r : requests_) {
    if (r.path() == path) out.push_back(r);
  }
  return out;
}

std::vector<sent_request> fake_network::requests_to(http::verb method, std::string_view path) const {
  std::vector<sent_request> out = requests_to(path);
  std::erase_if(out, [method](const sent_request& r) { return r.method != method; });
  return out;
}

std::vector<std::string> fake_network::header_values(std::string_view name) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(requests_.size());
  for (const auto& r : requests_) out.emplace_back(r.header(name));
  return out;
}

std::vector<std::chrono::milliseconds> fake_network::backoffs() const {
  std::lock_guard lock(mutex_);
  return backoffs_;
}

void fake_network::record_backoff(std::chrono::milliseconds d) {
  std::lock_guard lock(mutex_);
  backoffs_.push_back(d);
}

reply fake_network::take(const http::origin& to, const http::request& req,
                         std::chrono::steady_clock::time_point deadline, bool streamed) {
  std::lock_guard lock(mutex_);
  const std::size_t n = requests_.size() + 1;
  requests_.emplace_back(req, to, deadline, streamed, n);
  if (auto f = failures_.find(n); f != failures_.end()) {
    reply r = std::move(f->second);
    failures_.erase(f);
    return r;
  }
  if (streamed && !streams_.empty()) {
    reply r = std::move(streams_.front());
    streams_.pop_front();
    return r;
  }
  if (streamed && stream_default_) return *stream_default_;
  if (script_.empty()) return default_;
  reply r = std::move(script_.front());
  script_.pop_front();
  return r;
}

boost::asio::awaitable<http::attempt_result> fake_network::send(const http::origin& to, const http::request& req,
                                                                std::chrono::steady_clock::time_point deadline) {
  co_return take(to, req, deadline, false).whole();
}

boost::asio::awaitable<http::attempt_result> fake_network::open(const http::origin& to, const http::request& req,
                                                                std::chrono::steady_clock::time_point deadline) {
  co_return take(to, req, deadline, true).opened();
}

}  // namespace flowsdk::testing

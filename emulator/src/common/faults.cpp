#include "common/faults.hpp"

namespace flowsdk::emulator::detail {

fault_injector::fault_injector(fault_rates rates, std::uint64_t random_seed)
    : rates_(rates),
      rng_(random_seed),
      random_enabled_(rates.status_429 > 0 || rates.status_503 > 0 || rates.reset > 0 || rates.stall > 0 ||
                      rates.truncated > 0 || rates.malformed > 0) {}

void fault_injector::add(fault_rule rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(std::move(rule));
  has_rules_.store(true, std::memory_order_release);
}

void fault_injector::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  has_rules_.store(false, std::memory_order_release);
}

std::optional<fault> fault_injector::pick(std::string_view method, std::string_view path) {
  if (!random_enabled_ && !has_rules_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (it->times <= 0) continue;
    if (!it->method.empty() && it->method != method) continue;
    if (!path.starts_with(it->path_prefix)) continue;
    fault f = it->what;
    if (--it->times == 0) rules_.erase(it);
    has_rules_.store(!rules_.empty(), std::memory_order_release);
    return f;
  }
  if (!random_enabled_) return std::nullopt;

  // One draw against the cumulative rates, so the rates add up instead of shadowing each other.
  double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  fault f;
  auto hit = [&u](double rate) { return (u -= rate) < 0; };
  if (hit(rates_.status_429)) {
    f.status = 429;
    f.retry_after = "1";
    f.retry_after_ms = "100";
  } else if (hit(rates_.status_503)) {
    f.status = 503;
  } else if (hit(rates_.reset)) {
    f.kind = fault_kind::reset_before_response;
  } else if (hit(rates_.stall)) {
    f.kind = fault_kind::stall;
    f.stall_for = rates_.stall_for;
  } else if (hit(rates_.truncated)) {
    f.kind = fault_kind::truncated_body;
  } else if (hit(rates_.malformed)) {
    f.kind = fault_kind::malformed_json;
  } else {
    return std::nullopt;
  }
  return f;
}

void apply_fault(const fault& f, reply& out, const json::value& error_body) {
  auto& res = out.response;
  switch (f.kind) {
    case fault_kind::http_status: {
      const auto status = static_cast<http::status>(f.status);
      res = http_response{};
      out.stream = nullptr;
      set_json(res, status, error_body);
      if (!f.retry_after.empty()) res.set(http::field::retry_after, f.retry_after);
      if (!f.retry_after_ms.empty()) res.set("retry-after-ms", f.retry_after_ms);
      break;
    }
    case fault_kind::reset_before_response:
      out.what = reply::disposition::reset;
      break;
    case fault_kind::stall:
      out.delay = f.stall_for.count() > 0 ? f.stall_for : std::chrono::milliseconds::max();
      break;
    case fault_kind::truncated_body:
      // An answer without a body (a 204, say) gets one, so that there is something to cut. A
      // streamed answer is cut after its first step instead.
      if (res.body().empty() && !out.stream) set_json(res, http::status::ok, json::object{{"truncated", false}});
      out.what = reply::disposition::truncate;
      break;
    case fault_kind::malformed_json:
      res = http_response{};
      out.stream = nullptr;
      res.result(http::status::ok);
      res.set(http::field::content_type, "application/json; charset=utf-8");
      res.body() = R"({"id": "x", )";
      break;
  }
}

}  // namespace flowsdk::emulator::detail

#include "flowsdk/core/sse_parser.hpp"

#include "flowsdk/core/error.hpp"

#include <algorithm>
#include <charconv>

namespace flowsdk {

sse_parser::sse_parser(std::size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

void sse_parser::feed(std::string_view bytes) {
  if (at_start_ && !bytes.empty()) {
    // The byte order mark may arrive split across feeds, so wait until three bytes are known.
    static constexpr std::string_view bom = "\xEF\xBB\xBF";
    const std::string_view have = line_;
    std::string probe(have);
    probe.append(bytes.substr(0, std::min<std::size_t>(bytes.size(), bom.size())));
    if (probe.size() < bom.size() && bom.substr(0, probe.size()) == probe) {
      line_ = std::move(probe);  // still maybe a BOM: keep it aside
      return;
    }
    at_start_ = false;
    if (probe.substr(0, bom.size()) == bom) {
      bytes.remove_prefix(bom.size() - have.size());
      line_.clear();
    }
  }
  while (!bytes.empty()) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    const auto end = bytes.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      line_.append(bytes);
      check_size();
      return;
    }
    line_.append(bytes.substr(0, end));
    check_size();
    skip_lf_ = bytes[end] == '\r';
    bytes.remove_prefix(end + 1);
    process_line(line_);
    line_.clear();
  }
}

void sse_parser::check_size() const {
  if (line_.size() + data_.size() > max_event_bytes_) {
    error_details d;
    d.cause = "a server-sent event exceeds the limit of " + std::to_string(max_event_bytes_) + " bytes";
    throw error(errc::body_too_large, std::move(d));
  }
}

void sse_parser::process_line(std::string_view line) {
  if (line.empty()) return dispatch();
  if (line.front() == ':') return;  // a comment, such as a keep-alive
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (field == "event") {
    type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) id_buffer_.assign(value);
  } else if (field == "retry") {
    unsigned long long ms = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (!value.empty() && ec == std::errc() && end == value.data() + value.size())
      retry_ = std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(std::min(ms, 86'400'000ULL)));
  }
  // Any other field is ignored, as the standard requires.
}

void sse_parser::dispatch() {
  last_event_id_ = id_buffer_;
  if (!has_data_) {
    type_.clear();  // a block without data: nothing to dispatch
    return;
  }
  server_sent_event e;
  data_.pop_back();  // the '\n' after the last data line
  e.data = std::move(data_);
  if (!type_.empty()) e.type = std::move(type_);
  e.id = last_event_id_;
  ready_.push_back(std::move(e));
  data_.clear();
  type_.clear();
  has_data_ = false;
}

std::optional<server_sent_event> sse_parser::next_event() {
  if (ready_.empty()) return std::nullopt;
  std::optional<server_sent_event> e(std::move(ready_.front()));
  ready_.pop_front();
  return e;
}

void sse_parser::discard_partial() noexcept {
  line_.clear();
  data_.clear();
  type_.clear();
  has_data_ = false;
  id_buffer_ = last_event_id_;
  skip_lf_ = false;
  at_start_ = true;
}

}  // namespace flowsdk

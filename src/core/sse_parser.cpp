#include "flowsdk/core/sse_parser.hpp"

#include "flowsdk/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace flowsdk {

namespace {

// The length of the line that starts `bytes`, up to its CR or LF; bytes.size() if none is there.
std::size_t line_length(std::string_view bytes, bool may_hold_cr) noexcept {
  if (!may_hold_cr) {
    const void* lf = std::memchr(bytes.data(), '\n', bytes.size());
    return lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - bytes.data()) : bytes.size();
  }
  // Not find_first_of("\r\n"), which calls memchr once per byte.
  const auto end = std::find_if(bytes.begin(), bytes.end(), [](char c) { return c == '\n' || c == '\r'; });
  return static_cast<std::size_t>(end - bytes.begin());
}

}  // namespace

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
  // Servers end lines in LF almost always: without a CR in the piece, memchr finds each line end.
  const bool may_hold_cr = std::memchr(bytes.data(), '\r', bytes.size()) != nullptr;
  while (!bytes.empty()) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    const std::size_t length = line_length(bytes, may_hold_cr);
    if (length == bytes.size()) {
      line_.append(bytes);
      check_size(0);
      return;
    }
    skip_lf_ = bytes[length] == '\r';
    if (line_.empty()) {
      // The whole line is in this piece: parsed where it lies, not copied first.
      check_size(length);
      process_line(bytes.substr(0, length));
    } else {
      line_.append(bytes.data(), length);
      check_size(0);
      process_line(line_);
      line_.clear();
    }
    bytes.remove_prefix(length + 1);
  }
}

void sse_parser::check_size(std::size_t unbuffered) const {
  if (line_.size() + unbuffered + data_.size() > max_event_bytes_) {
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
  data_.pop_back();  // the '\n' after the last data line
  if (next_ready_ == ready_.size()) {
    ready_.clear();  // all taken: start over, keeping the room
    next_ready_ = 0;
  } else if (next_ready_ > 64 && next_ready_ * 2 > ready_.size()) {
    ready_.erase(ready_.begin(), ready_.begin() + static_cast<std::ptrdiff_t>(next_ready_));
    next_ready_ = 0;  // a reader that never drains the queue keeps at most as many taken as pending
  }
  server_sent_event& e = ready_.emplace_back();  // built in place: no moves through a temporary
  e.data = std::move(data_);
  if (!type_.empty()) e.type = std::move(type_);
  e.id = last_event_id_;
  data_.clear();
  type_.clear();
  has_data_ = false;
}

std::optional<server_sent_event> sse_parser::next_event() {
  if (next_ready_ == ready_.size()) return std::nullopt;
  return std::optional<server_sent_event>(std::move(ready_[next_ready_++]));
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

#pragma once
// The one pagination engine. Every list method of every vendor returns a paginator at once,
// without I/O; pages are fetched only when asked for, one at a time, so memory stays constant
// however many items are walked. The vendor layer supplies how to fetch the page for a token
// (a cursor, or a page number) and what the next token is; the engine does the rest.

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/page.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk {

/// A lazy walk over a paged list.
///
///     auto runs = client.workflows().list_runs();
///     while (auto run = co_await runs.next()) { ... }          // item by item
///     while (auto p = co_await runs.next_page()) { ... }       // or page by page
///
/// Errors surface from the next()/next_page() call whose request failed (flowsdk::error); the
/// paginator can be asked again afterwards and retries the same page. A paginator is used by
/// one coroutine at a time and must outlive the awaitables it returns. Moving it is cheap, but
/// never while a next() or next_page() is suspended.
template <class T>
class paginator {
 public:
  using value_type = T;
  /// Fetches the page for a token (nullopt: the first page).
  using fetch_function = std::function<boost::asio::awaitable<page<T>>(std::optional<std::string> token)>;

  explicit paginator(fetch_function fetch) : fetch_(std::move(fetch)) {}

  /// The next page, or nullopt after the last. Items already taken one by one with next() are
  /// not returned again: if next() stopped inside a page, this returns the rest of that page.
  boost::asio::awaitable<std::optional<page<T>>> next_page() {
    if (index_ < buffer_.size()) {
      page<T> rest;
      rest.items.assign(std::make_move_iterator(buffer_.begin() + static_cast<std::ptrdiff_t>(index_)),
                        std::make_move_iterator(buffer_.end()));
      rest.next_token = finished_ ? std::nullopt : token_;
      buffer_.clear();
      index_ = 0;
      co_return rest;
    }
    if (finished_) co_return std::nullopt;
    page<T> p = co_await fetch_(token_);
    advance(p.next_token);
    total_ = p.total;
    co_return p;
  }

  /// The next item, crossing page boundaries (empty pages included), or nullopt after the last.
  boost::asio::awaitable<std::optional<T>> next() {
    while (index_ >= buffer_.size()) {
      if (finished_) co_return std::nullopt;
      page<T> p = co_await fetch_(token_);
      advance(p.next_token);
      total_ = p.total;
      buffer_ = std::move(p.items);
      index_ = 0;
    }
    co_return std::move(buffer_[index_++]);
  }

  /// True once the last page has been fetched and every item handed out.
  bool done() const noexcept { return finished_ && index_ >= buffer_.size(); }
  /// Pages fetched so far.
  std::size_t pages_fetched() const noexcept { return pages_; }
  /// The list's size as the last fetched page reported it; nullopt before the first page and
  /// for APIs (or pages) that do not report one. Best effort: the list may change meanwhile.
  std::optional<std::int64_t> total() const noexcept { return total_; }

 private:
  void advance(const std::optional<std::string>& next) {
    if (!next || next->empty()) {
      finished_ = true;
    } else if (token_ && *token_ == *next) {
      // A server that hands back the cursor it was given would make this loop forever.
      error_details d;
      d.cause = "the server returned the same page token twice: \"" + *next + "\"";
      throw error(errc::protocol_error, std::move(d));
    }
    token_ = next;
    ++pages_;
  }

  fetch_function fetch_;
  std::optional<std::string> token_;
  std::optional<std::int64_t> total_;
  std::vector<T> buffer_;
  std::size_t index_ = 0;
  std::size_t pages_ = 0;
  bool finished_ = false;
};

}  // namespace flowsdk

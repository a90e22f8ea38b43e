#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk {

/// One page of a list, as a paginator yields it.
template <class T>
struct page {
  std::vector<T> items;
  /// What fetches the page after this one (a cursor, or a page number as text), in the form
  /// the vendor layer understands; nullopt on the last page.
  std::optional<std::string> next_token;
  /// How many items the whole list holds, when the server says (10ex's `total`, which it may
  /// leave out on large lists); nullopt when it does not.
  std::optional<std::int64_t> total;
};

}  // namespace flowsdk

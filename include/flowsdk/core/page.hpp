#pragma once
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
};

}  // namespace flowsdk

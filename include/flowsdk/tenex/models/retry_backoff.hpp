#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// How the delay between the attempts of a failed step grows.
class retry_backoff : public open_enum<retry_backoff> {
 public:
  using open_enum::open_enum;
  static const retry_backoff fixed;
  static const retry_backoff exponential;
};
inline const retry_backoff retry_backoff::fixed{"fixed"};
inline const retry_backoff retry_backoff::exponential{"exponential"};

}  // namespace flowsdk::tenex

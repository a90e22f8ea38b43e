#pragma once
// input_schema / inputs_schema validation for the 10ex emulator: the JSON Schema subset that
// workflow inputs use (type, required, properties, additionalProperties: false, items, enum,
// minimum, maximum, minLength, maxLength), reported as Pydantic error entries.

#include "common/util.hpp"

#include <boost/json/array.hpp>

namespace flowsdk::emulator::detail::tenex {

/// Appends one {loc, msg, type} entry to `errors` per violation of `schema` by `value`; `loc` is
/// the location of `value` (e.g. ["body", "input"]). An empty or non-object schema accepts anything.
void validate_schema(const json::value& schema, const json::value& value, const json::array& loc, json::array& errors);

/// Whether `schema` is a schema validate_schema understands (an object whose "type", if any, is
/// a known type name); appends errors at `loc` otherwise.
void check_schema(const json::value& schema, const json::array& loc, json::array& errors);

/// One Pydantic error entry.
json::object validation_entry(json::array loc, std::string_view msg, std::string_view type);

}  // namespace flowsdk::emulator::detail::tenex

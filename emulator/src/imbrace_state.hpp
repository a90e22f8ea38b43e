#pragma once
// The Imbrace (Activepieces) flow engine's data: flows with their versions, flow runs, and the
// seek pagination over both. Plain single-threaded data structures: imbrace_routes serialises
// access with its own mutex.

#include "util.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowsdk::emulator::detail {

/// An API failure: a status and the exact JSON body to answer with.
struct api_error : std::runtime_error {
  api_error(http::status s, json::value b) : std::runtime_error("api error"), status(s), body(std::move(b)) {}
  http::status status;
  json::value body;
};

/// 400 with Fastify's validation body.
api_error validation_error(std::string_view message);
/// 404 {"code":"ENTITY_NOT_FOUND","params":{...}}.
api_error entity_not_found(std::string_view entity_type, std::string_view id);

// ---------------------------------------------------------------------------------------------
// Seek pagination

/// A position in a created-DESC, id-DESC ordering. `forward` pages go to older items.
struct seek_cursor {
  bool forward = true;
  epoch_ms created = 0;
  std::string id;
};

/// base64("next_" + base64("created:<ms>,id:<id>")): the upstream format plus the id, so that a
/// page boundary between two items created in the same millisecond loses neither.
std::string encode_cursor(const seek_cursor& c);
std::optional<seek_cursor> decode_cursor(std::string_view token);

template <class T>
struct seek_page {
  std::vector<const T*> items;
  std::optional<std::string> next;
  std::optional<std::string> previous;
};

/// Items of type T (which have `id` and `created`) by id, and ordered newest first.
template <class T>
class seek_store {
 public:
  T* find(std::string_view id) {
    const auto it = items_.find(id);
    return it == items_.end() ? nullptr : &it->second;
  }
  T& insert(T item) {
    order_.insert(key{item.created, item.id});
    auto id = item.id;
    return items_.insert_or_assign(std::move(id), std::move(item)).first->second;
  }
  bool erase(std::string_view id) {
    const auto it = items_.find(id);
    if (it == items_.end()) return false;
    order_.erase(key{it->second.created, it->second.id});
    items_.erase(it);
    return true;
  }
  std::size_t size() const { return items_.size(); }

  /// The `limit` items that `keep` accepts after (or, for a backward cursor, before) the cursor.
  template <class Pred>
  seek_page<T> seek(const std::optional<seek_cursor>& cursor, std::size_t limit, Pred keep) const {
    seek_page<T> page;
    bool more = false;  // another matching item lies beyond the page, in the direction of travel
    auto take = [&](const key& k) {
      const T& item = items_.find(k.id)->second;
      if (!keep(item)) return true;
      if (page.items.size() == limit) return more = true, false;
      page.items.push_back(&item);
      return true;
    };
    if (!cursor || cursor->forward) {
      auto it = cursor ? order_.upper_bound(key{cursor->created, cursor->id}) : order_.begin();
      for (; it != order_.end() && take(*it); ++it) {
      }
      if (more) page.next = encode_cursor(forward_from(*page.items.back()));
      if (cursor)
        page.previous = encode_cursor(page.items.empty() ? seek_cursor{false, cursor->created, cursor->id}
                                                         : backward_from(*page.items.front()));
    } else {
      auto it = std::make_reverse_iterator(order_.lower_bound(key{cursor->created, cursor->id}));
      for (; it != order_.rend() && take(*it); ++it) {
      }
      std::reverse(page.items.begin(), page.items.end());
      if (more) page.previous = encode_cursor(backward_from(*page.items.front()));
      page.next = encode_cursor(page.items.empty() ? seek_cursor{true, cursor->created, cursor->id}
                                                   : forward_from(*page.items.back()));
    }
    return page;
  }

 private:
  struct key {
    epoch_ms created;
    std::string id;
  };
  struct newest_first {
    bool operator()(const key& a, const key& b) const {
      return a.created != b.created ? a.created > b.created : a.id > b.id;
    }
  };
  static seek_cursor forward_from(const T& item) { return {true, item.created, item.id}; }
  static seek_cursor backward_from(const T& item) { return {false, item.created, item.id}; }

  std::map<std::string, T, std::less<>> items_;
  std::set<key, newest_first> order_;
};

// ---------------------------------------------------------------------------------------------
// Flows

struct flow_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> folder_id;
  std::string status = "DISABLED";  ///< ENABLED | DISABLED
  json::object version;             ///< the current version, in wire shape (trigger tree included)
  json::object published;           ///< the published version; empty when never published
};

json::object flow_to_json(const flow_record& f);

/// A Return Response step's answer to a sync webhook.
struct webhook_response {
  http::status status = http::status::ok;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;
};

// ---------------------------------------------------------------------------------------------
// Runs

struct failed_step {
  std::string name;
  std::string display_name;
};

/// What a run ends as; computed when it starts, applied when it finishes.
struct run_outcome {
  std::string status = "SUCCEEDED";
  json::object steps;
  std::optional<failed_step> failed;
  std::optional<webhook_response> response;  ///< from the first Return Response step reached
};

struct run_record {
  std::string id;
  epoch_ms created = 0;
  epoch_ms updated = 0;
  std::string project_id;
  std::string flow_id;
  std::string flow_version_id;
  std::string flow_display_name;
  std::string status = "RUNNING";
  std::optional<epoch_ms> start_time;
  std::optional<epoch_ms> finish_time;
  std::vector<std::string> tags;
  json::object steps;            ///< what has run so far
  std::optional<failed_step> failed;
  run_outcome pending;           ///< applied by finish_run()
};

/// `with_steps`: GET by id shows the steps, lists do not.
json::object run_to_json(const run_record& r, bool with_steps);

// ---------------------------------------------------------------------------------------------

class imbrace_state {
 public:
  explicit imbrace_state(std::uint64_t random_seed);

  id_generator& ids() { return ids_; }
  const std::string& default_project_id() const { return default_project_id_; }

  seek_store<flow_record>& flows() { return flows_; }
  seek_store<run_record>& runs() { return runs_; }

  flow_record& create_flow(std::string display_name, std::optional<std::string> project_id,
                           std::optional<std::string> folder_id, epoch_ms now);
  /// A FlowOperationRequest {type, request}. Throws api_error on invalid input.
  void apply_operation(flow_record& f, const json::object& operation, epoch_ms now);

  /// Starts a run of `f`'s published version (which must exist), as RUNNING.
  run_record& start_run(const flow_record& f, json::value trigger_output, epoch_ms now);
  /// RUNNING -> the pending outcome. False when the run is gone or already finished.
  bool finish_run(std::string_view run_id, epoch_ms now);

  /// The seed fixture (server_options::seed). Returns {echo flow id, disabled flow id, run count}.
  struct seeded {
    std::string echo_flow_id;
    std::string disabled_flow_id;
    std::size_t run_count = 0;
  };
  seeded seed(epoch_ms now);

 private:
  json::object new_version(const std::string& flow_id, std::string display_name, epoch_ms now);
  json::object& editable_version(flow_record& f, epoch_ms now);

  id_generator ids_;
  std::string default_project_id_;
  seek_store<flow_record> flows_;
  seek_store<run_record> runs_;
};

}  // namespace flowsdk::emulator::detail

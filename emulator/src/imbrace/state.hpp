#pragma once
// The Imbrace (Activepieces) flow engine's data: flows with their versions, flow runs, and the
// seek pagination over both. Plain single-threaded data structures: imbrace_routes serialises
// access with its own mutex.

#include "flowsdk/emulator/server.hpp"
#include "common/errors.hpp"
#include "imbrace/resources.hpp"
#include "common/util.hpp"

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

/// 400 with Fastify's validation body.
api_error validation_error(std::string_view message);
/// 404 {"code":"ENTITY_NOT_FOUND","params":{...}}.
api_error entity_not_found(std::string_view entity_type, std::string_view id);

// Request-body readers. `where` is the JSON path Fastify names in its messages ("body",
// "body/value"); a missing member gives "<where> must have required property '<key>'", a member of
// the wrong type "<where>/<key> must be string" (or object).
std::string_view require_string(const json::object& o, std::string_view key, std::string_view where);
const json::object& require_object(const json::object& o, std::string_view key, std::string_view where);
/// The member as a string; nullopt when absent or null; 400 when of another type.
std::optional<std::string> optional_string(const json::object& o, std::string_view key, std::string_view where);
/// The member as a string, or `fallback` when it is absent or not a string.
std::string_view str_or(const json::object& o, std::string_view key, std::string_view fallback = {});

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
  const T* find(std::string_view id) const {
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

  /// Every item, newest first.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& k : order_) f(items_.find(k.id)->second);
  }
  template <class F>
  void for_each(F&& f) {
    for (const auto& k : order_) f(items_.find(k.id)->second);
  }
  /// Removes the items `pred` accepts; returns how many went.
  template <class Pred>
  std::size_t erase_if(Pred pred) {
    std::vector<std::string> doomed;
    for (const auto& [id, item] : items_)
      if (pred(item)) doomed.push_back(id);
    for (const auto& id : doomed) erase(id);
    return doomed.size();
  }

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
  std::string trigger_piece;  ///< pieceName of the version's trigger; empty for an EMPTY trigger
  std::string status = "RUNNING";
  std::optional<epoch_ms> start_time;
  std::optional<epoch_ms> finish_time;
  std::vector<std::string> tags;
  json::object steps;  ///< what has run so far
  std::optional<failed_step> failed;
  run_outcome pending;  ///< applied by finish_run()
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
  seek_store<folder_record>& folders() { return folders_; }
  seek_store<connection_record>& connections() { return connections_; }
  seek_store<table_record>& tables() { return tables_; }
  seek_store<field_record>& fields() { return fields_; }
  seek_store<table_row>& rows() { return rows_; }
  seek_store<mcp_record>& mcp_servers() { return mcp_servers_; }
  seek_store<invitation_record>& invitations() { return invitations_; }
  seek_store<trigger_event_record>& trigger_events() { return trigger_events_; }
  const project_record& project() const { return project_; }

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
  /// Seeds the resources of imbrace_resources.cpp; `echo_flow_id` becomes a FLOW tool.
  imbrace_seed seed_resources(const seeded& flows, epoch_ms now);

  // ---- Resources (imbrace_resources.cpp). Throw api_error on invalid input or unknown ids. ----

  folder_record& create_folder(const json::object& body, epoch_ms now);
  folder_record& rename_folder(std::string_view id, const json::object& body, epoch_ms now);
  /// Flows in the folder become uncategorised (upstream's ON DELETE SET NULL).
  void delete_folder(std::string_view id);
  json::object folder_json(const folder_record& f) const;

  /// The upsert: a connection with the same externalId in the project is replaced in place.
  connection_record& upsert_connection(const json::object& body, epoch_ms now);
  connection_record& update_connection(std::string_view id, const json::object& body, epoch_ms now);
  json::object connection_json(const connection_record& c) const;

  table_record& create_table(const json::object& body, epoch_ms now);
  /// Its fields and records go with it.
  void delete_table(std::string_view id);
  /// A table's fields, oldest first.
  std::vector<const field_record*> table_fields(std::string_view table_id) const;
  field_record& create_field(const json::object& body, epoch_ms now);
  field_record& rename_field(std::string_view id, const json::object& body, epoch_ms now);
  /// Its cells go with it.
  void delete_field(std::string_view id);
  std::vector<const table_row*> create_rows(const json::object& body, epoch_ms now);
  table_row& update_row(std::string_view id, const json::object& body, epoch_ms now);
  /// Deletes the rows that exist among `body.ids`; returns them as they were.
  json::array delete_rows(const json::object& body);
  json::object row_json(const table_row& r) const;

  mcp_record& create_mcp(const json::object& body, epoch_ms now);
  mcp_record& update_mcp(std::string_view id, const json::object& body, epoch_ms now);
  mcp_record& rotate_mcp(std::string_view id, epoch_ms now);
  json::object mcp_json(const mcp_record& m) const;

  json::object project_json() const;
  json::object invitation_json(const invitation_record& i) const;
  /// {pieces: {<pieceName>: {dailyStats: {<YYYY-MM-DD>: {success, failure}}}}} over finished runs.
  json::object trigger_run_status() const;
  /// POST /v1/test-trigger; see the definition for what it answers.
  trigger_event_record& test_trigger(const json::object& body, epoch_ms now);

 private:
  json::object new_version(const std::string& flow_id, std::string display_name, epoch_ms now);
  json::object& editable_version(flow_record& f, epoch_ms now);

  id_generator ids_;
  std::string default_project_id_;
  seek_store<flow_record> flows_;
  seek_store<run_record> runs_;
  project_record project_;
  seek_store<folder_record> folders_;
  seek_store<connection_record> connections_;
  seek_store<table_record> tables_;
  seek_store<field_record> fields_;
  seek_store<table_row> rows_;
  seek_store<mcp_record> mcp_servers_;
  seek_store<invitation_record> invitations_;
  seek_store<trigger_event_record> trigger_events_;
};

}  // namespace flowsdk::emulator::detail

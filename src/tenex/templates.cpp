// Templates: list, get, instantiate (docs/tenex.md, "Templates, workflows and versions").
#include "flowsdk/tenex/templates.hpp"

#include "requests.hpp"

namespace flowsdk::tenex {

namespace asio = boost::asio;
using detail::api_of;
using detail::route;
using http::verb;

paginator<workflow_template> templates::list(list_templates_params params, request_options options) const {
  route r = detail::routes::templates();
  r.query_if("category", params.category).query_if("q", params.q);
  detail::add_limit(r, params.limit);
  return detail::paged<workflow_template>(state_, std::move(r), std::move(options));
}

asio::awaitable<workflow_template> templates::get(std::string slug, request_options options) const {
  return rest::call<workflow_template>(
      api_of(state_), rest::operation(verb::get, detail::routes::template_item(std::move(slug))), std::move(options));
}

asio::awaitable<workflow> templates::instantiate(std::string slug, template_inputs inputs,
                                                 request_options options) const {
  // Creates a workflow: the key chosen here, once, makes every retry a replay of this call.
  return rest::call<workflow>(
      api_of(state_),
      rest::operation(verb::post, detail::routes::instantiate(std::move(slug))).with_body(json::encode(inputs)),
      detail::with_idempotency_key(std::move(options)));
}

}  // namespace flowsdk::tenex

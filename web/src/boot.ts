// boot.ts runs first, from <head>, before the app's bundle has loaded: it
// starts the API requests the route's first screen needs, so that they
// run while the bundle downloads and evaluates. The app's get takes the
// answers by URL (api.ts). It is a separate, tiny script because the
// Content-Security-Policy forbids inline scripts.
import { apiURL, eventsQuery, prefetch } from "./api";
import { parseRoute } from "./route";

const route = parseRoute(location.hash);
if (route.view === "events") {
  prefetch(apiURL("/api/events", eventsQuery(route.params)));
  prefetch("/api/codes");
} else if (route.view === "event" && route.id) {
  prefetch(apiURL(`/api/events/${encodeURIComponent(route.id)}`));
}

// Maps that work offline: Leaflet draws a bundled world outline (Natural
// Earth 1:110m countries from the world-atlas package) instead of tiles,
// and event places are clustered with supercluster. Loaded on demand.
import L from "leaflet";
import Supercluster from "supercluster";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { Place, PlaceCount } from "./api";

// unwrap makes a ring's longitudes continuous: a ring of the outline that
// crosses the antimeridian (Russia's, Fiji's) jumps from 180 to -180,
// which Leaflet would draw as a line across the whole world.
function unwrap(ring: number[][]): number[][] {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapGeometry(g: any) {
  if (g?.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
  else if (g?.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly: number[][][]) => poly.map(unwrap));
}

function baseMap(el: HTMLElement, opts: L.MapOptions = {}): L.Map {
  const map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 10, attributionControl: true, ...opts });
  const topo = world as any;
  const land = feature(topo, topo.objects.countries) as any;
  for (const f of land.features) unwrapGeometry(f.geometry);
  L.geoJSON(land, {
    style: { color: "#8a94a6", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  return map;
}

// smallMap shows one place; it returns a function that removes the map.
export function smallMap(el: HTMLElement, p: Place): () => void {
  const map = baseMap(el, { zoomControl: true, scrollWheelZoom: false });
  map.setView([p.lat, p.lon], 4);
  L.circleMarker([p.lat, p.lon], { radius: 7, color: "#b22222", weight: 2, fillColor: "#e15759", fillOpacity: 0.8 })
    .bindTooltip(`${p.name} (${p.country})`)
    .addTo(map);
  return () => map.remove();
}

// placesMap shows places clustered by zoom level. Clicking a cluster
// zooms in; clicking a place calls onPlace. It returns a function that
// removes the map.
export function placesMap(el: HTMLElement, places: PlaceCount[], onPlace: (p: PlaceCount) => void): () => void {
  const map = baseMap(el);
  map.setView([25, 15], 2);
  const index = new Supercluster<{ i: number; events: number }, { events: number }>({
    radius: 50,
    maxZoom: 9,
    map: (p) => ({ events: p.events }),
    reduce: (acc, p) => {
      acc.events += p.events;
    },
  });
  index.load(
    places.map((p, i) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [p.lon, p.lat] },
      properties: { i, events: p.events },
    })),
  );
  const layer = L.layerGroup().addTo(map);
  const radius = (n: number) => 5 + Math.min(25, 3 * Math.sqrt(n));

  function draw() {
    layer.clearLayers();
    const z = Math.round(map.getZoom());
    for (const c of index.getClusters([-180, -85, 180, 85], z)) {
      const [lon, lat] = c.geometry.coordinates;
      const props = c.properties as any;
      if (props.cluster) {
        const m = L.circleMarker([lat, lon], {
          radius: radius(props.events),
          color: "#1f4e79",
          weight: 2,
          fillColor: "#4e79a7",
          fillOpacity: 0.6,
          className: "cluster",
        });
        m.bindTooltip(`${props.point_count} · ${props.events}`);
        m.on("click", () => map.setView([lat, lon], Math.min(index.getClusterExpansionZoom(props.cluster_id), 10)));
        layer.addLayer(m);
      } else {
        const p = places[props.i];
        const m = L.circleMarker([lat, lon], {
          radius: radius(p.events),
          color: "#8b1a1a",
          weight: 1.5,
          fillColor: "#e15759",
          fillOpacity: 0.7,
          className: "place",
        });
        m.bindTooltip(`${p.name} (${p.country}) · ${p.events}`);
        m.on("click", () => onPlace(p));
        layer.addLayer(m);
      }
    }
  }
  map.on("zoomend", draw);
  draw();
  if (places.length) {
    const b = L.latLngBounds(places.map((p) => [p.lat, p.lon] as [number, number]));
    map.fitBounds(b.pad(0.3), { maxZoom: 5 });
  }
  return () => map.remove();
}

// The network of actors (cytoscape): node size by events, edge width by
// the events of the dyad, edge colour by mean Goldstein. Loaded on demand.
import cytoscape from "cytoscape";
import { Graph, actorLabel } from "./api";
import { goldColour } from "./ui";

export function network(
  el: HTMLElement,
  g: Graph,
  onNode: (key: string) => void,
  onEdge: (source: string, target: string) => void,
): () => void {
  const maxN = Math.max(1, ...g.nodes.map((n) => n.events));
  const maxE = Math.max(1, ...g.edges.map((e) => e.count));
  const keys = new Set(g.nodes.map((n) => n.key));
  const cy = cytoscape({
    container: el,
    elements: [
      ...g.nodes.map((n) => ({
        data: { id: "n:" + n.key, key: n.key, label: actorLabel(n.actor), size: 18 + 42 * Math.sqrt(n.events / maxN) },
      })),
      ...g.edges
        .filter((e) => keys.has(e.source) && keys.has(e.target))
        .map((e, i) => ({
          data: {
            id: "e" + i,
            source: "n:" + e.source,
            target: "n:" + e.target,
            s: e.source,
            t: e.target,
            width: 1 + 9 * (e.count / maxE),
            colour: goldColour(e.goldstein_mean),
            label: `${e.count} · ${e.goldstein_mean.toFixed(1)}`,
          },
        })),
    ],
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 3,
          "background-color": "#5b6b82",
          color: "#1d2430",
          "text-background-color": "#fff",
          "text-background-opacity": 0.7,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(colour)",
          "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.85,
        },
      },
      { selector: "edge:selected, edge.hover", style: { label: "data(label)", "font-size": 10 } },
    ],
    layout: { name: "cose", animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, randomize: false } as any,
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (e) => onNode(e.target.data("key")));
  cy.on("tap", "edge", (e) => onEdge(e.target.data("s"), e.target.data("t")));
  cy.on("mouseover", "edge", (e) => e.target.addClass("hover"));
  cy.on("mouseout", "edge", (e) => e.target.removeClass("hover"));
  return () => cy.destroy();
}

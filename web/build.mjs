// Builds web/src into web/dist: `npm ci && npm run build`.
// The entry bundle holds the app shell and the events table; the chart,
// graph and map libraries are split into chunks loaded when their view
// opens. File names carry a content hash so that the server can cache
// them for good; index.html names them and is never cached.
import * as esbuild from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const dist = "dist";
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: "src/main.tsx" },
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2020",
  minify: true,
  sourcemap: false,
  legalComments: "linked",
  outdir: path.join(dist, "assets"),
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".png": "file", ".svg": "file" },
  metafile: true,
  logLevel: "info",
});

// boot.ts is a script of its own, run from <head> before the bundle: it
// starts the first screen's API requests (see src/boot.ts).
const boot = await esbuild.build({
  entryPoints: { boot: "src/boot.ts" },
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  outdir: path.join(dist, "assets"),
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "info",
});
const bootJS = "/" + path.relative(dist, Object.keys(boot.metafile.outputs)[0]);

let js = "", css = "", preload = "";
for (const [out, meta] of Object.entries(result.metafile.outputs)) {
  if (meta.entryPoint !== "src/main.tsx") continue;
  js = "/" + path.relative(dist, out);
  if (meta.cssBundle) css = "/" + path.relative(dist, meta.cssBundle);
  // the chunks the entry imports statically load at once, not one after
  // the other
  for (const imp of meta.imports) {
    if (imp.kind === "import-statement") preload += `<link rel="modulepreload" href="/${path.relative(dist, imp.path)}">\n`;
  }
}
if (!js) throw new Error("build: no entry bundle");

const html = (await readFile("src/index.html", "utf8"))
  .replace("%BOOT%", `<script src="${bootJS}"></script>`)
  .replace("%CSS%", css ? `<link rel="stylesheet" href="${css}">` : "")
  .replace("%JS%", `${preload}<script type="module" src="${js}"></script>`);
await writeFile(path.join(dist, "index.html"), html);

let total = 0;
for (const [out, meta] of [...Object.entries(boot.metafile.outputs), ...Object.entries(result.metafile.outputs)]) {
  total += meta.bytes;
  console.log(`${out}\t${(meta.bytes / 1024).toFixed(1)} KiB`);
}
console.log(`total ${(total / 1024).toFixed(1)} KiB`);

// Prepares what the docs load at run time, into public/ (Vite copies it into the build as is):
// - the self-contained renderers: Redoc (the OpenAPI reference) and AsyncAPI's React component (the event catalogue);
// - docs/asyncapi.yaml as one JSON document, its message schemas (event-contracts' JSON Schemas, referenced by
//   relative path) inlined, since a browser cannot follow file references.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";

const target = "public/docs/vendor";
mkdirSync(target, { recursive: true });
for (const [from, to] of [
  ["node_modules/redoc/bundles/redoc.standalone.js", "redoc.standalone.js"],
  ["node_modules/@asyncapi/react-component/browser/standalone/index.js", "asyncapi.standalone.js"],
  ["node_modules/@asyncapi/react-component/styles/default.min.css", "asyncapi.min.css"],
]) {
  copyFileSync(from, `${target}/${to}`);
}

const asyncapiFile = resolve("../../../../docs/asyncapi.yaml");
function inline(node) {
  if (Array.isArray(node)) return node.map(inline);
  if (node && typeof node === "object") {
    if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) {
      return JSON.parse(readFileSync(resolve(dirname(asyncapiFile), node.$ref), "utf8"));
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
  }
  return node;
}
writeFileSync("public/docs/asyncapi.json", JSON.stringify(inline(parse(readFileSync(asyncapiFile, "utf8")))));

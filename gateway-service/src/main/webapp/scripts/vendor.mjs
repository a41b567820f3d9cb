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
  ["node_modules/@asyncapi/react-component/browser/standalone/index.js", "asyncapi.standalone.js"],
  ["node_modules/@asyncapi/react-component/styles/default.min.css", "asyncapi.min.css"],
]) {
  copyFileSync(from, `${target}/${to}`);
}

// Redoc shows "API docs by Redocly" with a logo from its CDN: the docs load nothing from elsewhere (their CSP refuses it,
// an error on every load), so the logo is a local file. The build fails if Redoc stops naming that URL.
const REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const redoc = readFileSync("node_modules/redoc/bundles/redoc.standalone.js", "utf8");
if (!redoc.includes(REDOC_LOGO)) throw new Error("redoc.standalone.js no longer loads " + REDOC_LOGO + ": check scripts/vendor.mjs");
writeFileSync(`${target}/redoc.standalone.js`, redoc.replaceAll(REDOC_LOGO, "/docs/vendor/redocly-logo.svg"));
writeFileSync(`${target}/redocly-logo.svg`,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#dc2626"/></svg>');

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
// The catalogue is for customers: the brokers' addresses are internal, so servers (and channels' references to them)
// are left out of what the docs publish.
const catalogue = inline(parse(readFileSync(asyncapiFile, "utf8")));
delete catalogue.servers;
for (const channel of Object.values(catalogue.channels ?? {})) delete channel.servers;
writeFileSync("public/docs/asyncapi.json", JSON.stringify(catalogue));

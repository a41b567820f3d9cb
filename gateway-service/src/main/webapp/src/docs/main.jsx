import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { marked } from "marked";
import "../styles.css";
import "./docs.css";
import { CopyButton } from "../copy.jsx";
import { PriceList } from "../pricing.jsx";

// The guides and code samples live in the repository's docs/ (the samples run in CI exactly as shown here).
const guides = import.meta.glob("../../../../../../docs/guide/*.md", { query: "?raw", import: "default", eager: true });
const samples = import.meta.glob("../../../../../../docs/examples/*", { query: "?raw", import: "default", eager: true });
// Guides and samples name a placeholder address; shown here, they name the origin that serves these docs, so a
// sample saved from this page runs against this very API.
const PLACEHOLDER_ORIGIN = "https://api.tokensniped.example";
const forThisOrigin = (text) => text?.replaceAll(PLACEHOLDER_ORIGIN, location.origin);
const guide = (name) => forThisOrigin(guides[`../../../../../../docs/guide/${name}.md`]);
const sample = (file) => forThisOrigin(samples[`../../../../../../docs/examples/${file}`]);

const PAGES = [
  ["introduction", "Introduction"],
  ["quick-start", "Quick Start"],
  ["faq", "Frequently Asked Questions"],
  ["solvable-pages", "What pages can be solved"],
  ["code-examples", "Code Examples"],
  ["error-handling", "Error Handling"],
  ["best-practices", "Best Practices"],
  ["switching-providers", "Switching from another provider"],
  ["pricing", "Pricing"],
  ["api", "API reference"],
  ["events", "Event catalogue"],
];
// Tab, file name, and how to run it once saved.
const SAMPLES = [
  ["curl", "solve.sh", "bash solve.sh"],
  ["JavaScript (Node.js fetch)", "solve.js", "node solve.js"],
  ["Python (requests)", "solve.py", "python3 solve.py"],
  ["Java (java.net.http)", "Solve.java", "java Solve.java"],
];
// Redoc's own deep links (#tag/…, #operation/…) belong to the API reference, also on a reload.
const REDOC_LINK = /^#(tag|operation|section|schema)\//;

function pageOf(hash) {
  if (REDOC_LINK.test(hash)) return "api";
  return hash.startsWith("#/") ? hash.slice(2) || "introduction" : "introduction";
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    if (document.querySelector(`script[src="${src}"]`)) return resolve();
    const script = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject });
    document.head.append(script);
  });
}

/** A code block that fits its column (it scrolls inside itself) with a button that copies it. */
function CodeBlock({ code, testId }) {
  return (
    <div class="code-block">
      <CopyButton text={code} />
      <pre class="code" data-testid={testId} tabIndex={0}><code>{code}</code></pre>
    </div>
  );
}

function Markdown({ source }) {
  const element = useRef(null);
  // marked renders plain <pre> blocks; each gets the same copy button as the samples.
  useEffect(() => {
    for (const pre of element.current.querySelectorAll("pre")) {
      if (pre.parentElement.classList.contains("code-block")) continue;
      const wrapper = Object.assign(document.createElement("div"), { className: "code-block" });
      const button = Object.assign(document.createElement("button"), { type: "button", className: "secondary copy", textContent: "Copy" });
      button.addEventListener("click", () => navigator.clipboard.writeText(pre.textContent)
        .then(() => { button.textContent = "Copied"; }, () => { button.textContent = "Copy failed"; }));
      pre.tabIndex = 0;
      pre.replaceWith(wrapper);
      wrapper.append(button, pre);
    }
  }, [source]);
  return <article class="prose" ref={element} dangerouslySetInnerHTML={{ __html: marked.parse(source) }} />;
}

function CodeExamples() {
  const [tab, setTab] = useState(0);
  return (
    <div>
      <Markdown source={guide("code-examples")} />
      <div class="tabs" role="tablist">{SAMPLES.map(([label], i) => (
        <button role="tab" aria-selected={i === tab ? "true" : "false"} class={i === tab ? "" : "secondary"} onClick={() => setTab(i)}>{label}</button>))}
      </div>
      <p>Save as <code data-testid="sample-file">{SAMPLES[tab][1]}</code>, then run <code data-testid="sample-run">{SAMPLES[tab][2]}</code>.</p>
      <CodeBlock code={sample(SAMPLES[tab][1])} testId="sample" />
    </div>
  );
}

/** The live price list, from the public GET /api/billing/pricing. */
function Pricing() {
  const [pricing, setPricing] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    fetch("/api/billing/pricing").then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then(setPricing, (e) => setError(e.message));
  }, []);
  return (
    <article class="prose">
      <h1>Pricing</h1>
      <p>You pay in prepaid credits, only for successful solves. Test-mode keys (<code>sk_test_</code>) never cost anything.
        The same list is served at <code>GET /api/billing/pricing</code> (no key needed).</p>
      {error ? <p class="error" role="alert">The price list is unavailable right now ({error}).</p>
        : pricing ? <PriceList pricing={pricing} packages /> : <p class="muted">Loading…</p>}
    </article>
  );
}

function ApiReference() {
  const element = useRef(null);
  useEffect(() => {
    // The gateway's generated OpenAPI (its own routes from code, the forwarded ones from META-INF/openapi.yaml).
    loadScript("/docs/vendor/redoc.standalone.js").then(() =>
      window.Redoc.init("/q/openapi", { hideDownloadButton: false, scrollYOffset: 0 }, element.current));
  }, []);
  return <div ref={element} data-testid="api-reference" />;
}

function EventCatalogue() {
  const element = useRef(null);
  useEffect(() => {
    if (!document.querySelector('link[href="/docs/vendor/asyncapi.min.css"]')) {
      document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: "/docs/vendor/asyncapi.min.css" }));
    }
    // docs/asyncapi.yaml with its message schemas inlined (scripts/vendor.mjs).
    Promise.all([fetch("/docs/asyncapi.json").then((r) => r.text()), loadScript("/docs/vendor/asyncapi.standalone.js")])
      // Servers are left out: the brokers are internal, never a customer's to connect to.
      .then(([schema]) => window.AsyncApiStandalone.render({ schema, config: { show: { sidebar: false, servers: false } } }, element.current));
  }, []);
  return <div ref={element} data-testid="event-catalogue" />;
}

function Docs() {
  const [page, setPage] = useState(pageOf(location.hash));
  useEffect(() => {
    const changed = () => setPage(pageOf(location.hash));
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  const wide = page === "api" || page === "events";
  return (
    <div class="shell">
      <header>
        <a class="brand" href="/">TokenSniped</a>
        <nav aria-label="Site"><a href="/">Dashboard</a><a class="active" href="/docs/" aria-current="page">Docs</a></nav>
      </header>
      <div class="docs-layout">
        <nav class="docs-nav" aria-label="Docs">{PAGES.map(([id, title]) => (
          <a href={"#/" + id} class={id === page ? "active" : ""} aria-current={id === page ? "page" : undefined}>{title}</a>))}
        </nav>
        <main class={wide ? "wide" : ""}>
          {page === "code-examples" ? <CodeExamples /> : page === "pricing" ? <Pricing /> : page === "api" ? <ApiReference /> : page === "events" ? <EventCatalogue />
            : guide(page) ? <Markdown source={guide(page)} />
            : <section data-testid="not-found"><h1>Page not found</h1><p>There is no docs page <code>{page}</code>. <a href="#/introduction">Start with the introduction</a>.</p></section>}
        </main>
      </div>
    </div>
  );
}

render(<Docs />, document.getElementById("docs"));

import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { marked } from "marked";
import "../styles.css";
import "./docs.css";

// The guides and code samples live in the repository's docs/ (the samples run in CI exactly as shown here).
const guides = import.meta.glob("../../../../../../docs/guide/*.md", { query: "?raw", import: "default", eager: true });
const samples = import.meta.glob("../../../../../../docs/examples/*", { query: "?raw", import: "default", eager: true });
const guide = (name) => guides[`../../../../../../docs/guide/${name}.md`];
const sample = (file) => samples[`../../../../../../docs/examples/${file}`];

const PAGES = [
  ["introduction", "Introduction"],
  ["quick-start", "Quick Start"],
  ["faq", "Frequently Asked Questions"],
  ["solvable-pages", "What pages can be solved"],
  ["code-examples", "Code Examples"],
  ["error-handling", "Error Handling"],
  ["best-practices", "Best Practices"],
  ["api", "API reference"],
  ["events", "Event catalogue"],
];
const SAMPLES = [["curl", "solve.sh"], ["JavaScript (fetch)", "solve.mjs"], ["Python (requests)", "solve.py"], ["Java (java.net.http)", "Solve.java"]];

function loadScript(src) {
  return new Promise((resolve, reject) => {
    if (document.querySelector(`script[src="${src}"]`)) return resolve();
    const script = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject });
    document.head.append(script);
  });
}

function Markdown({ source }) {
  return <article class="prose" dangerouslySetInnerHTML={{ __html: marked.parse(source) }} />;
}

function CodeExamples() {
  const [tab, setTab] = useState(0);
  return (
    <div>
      <Markdown source={guide("code-examples")} />
      <div class="tabs">{SAMPLES.map(([label], i) => <button class={i === tab ? "" : "secondary"} onClick={() => setTab(i)}>{label}</button>)}</div>
      <pre class="code" data-testid="sample"><code>{sample(SAMPLES[tab][1])}</code></pre>
    </div>
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
      .then(([schema]) => window.AsyncApiStandalone.render({ schema, config: { show: { sidebar: false } } }, element.current));
  }, []);
  return <div ref={element} data-testid="event-catalogue" />;
}

function Docs() {
  const [page, setPage] = useState(location.hash.slice(2) || "introduction");
  useEffect(() => {
    const changed = () => setPage(location.hash.slice(2) || "introduction");
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  const wide = page === "api" || page === "events";
  return (
    <div class="shell">
      <header>
        <a class="brand" href="/">TokenSniped</a>
        <nav><a href="/">Dashboard</a><a class="active" href="/docs/">Docs</a></nav>
      </header>
      <div class="docs-layout">
        <aside>{PAGES.map(([id, title]) => <a href={"#/" + id} class={id === page ? "active" : ""}>{title}</a>)}</aside>
        <main class={wide ? "wide" : ""}>
          {page === "code-examples" ? <CodeExamples /> : page === "api" ? <ApiReference /> : page === "events" ? <EventCatalogue />
            : guide(page) ? <Markdown source={guide(page)} /> : <p class="error">No such page.</p>}
        </main>
      </div>
    </div>
  );
}

render(<Docs />, document.getElementById("docs"));

import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { SignIn } from "./pages/SignIn.jsx";
import { Overview } from "./pages/Overview.jsx";
import { Keys } from "./pages/Keys.jsx";
import { Solves } from "./pages/Solves.jsx";
import { SolveDetail } from "./pages/SolveDetail.jsx";
import { Billing } from "./pages/Billing.jsx";
import { Targets } from "./pages/Targets.jsx";
import { Account } from "./pages/Account.jsx";
import { Webhooks } from "./pages/Webhooks.jsx";
import "./styles.css";

// Hash routes: the gateway serves one index.html, so every screen is a fragment.
function useRoute() {
  // A route's query (e.g. "#/billing?checkout=success", where Stripe sends the customer back) is not part of its path.
  const current = () => location.hash.slice(1).split("?")[0] || "/";
  const [route, setRoute] = useState(current());
  useEffect(() => {
    const changed = () => setRoute(current());
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return route;
}

const NAV = [
  ["/", "Overview"],
  ["/solves", "Solves"],
  ["/keys", "API keys"],
  ["/billing", "Credits"],
  ["/targets", "Targets"],
  ["/webhooks", "Webhooks"],
];
const PAGES = ["/", "/solves", "/solves/:id", "/keys", "/billing", "/targets", "/account", "/webhooks"];

function NotFound({ route }) {
  return (
    <section data-testid="not-found">
      <h1>Page not found</h1>
      <p>There is no page at <code>#{route}</code>. <a href="#/">Back to the overview</a></p>
    </section>
  );
}

function App() {
  const route = useRoute();
  const [session, setSession] = useState(undefined);

  const refreshSession = () =>
    api("/api/auth/get-session").then(setSession).catch(() => setSession(null));
  useEffect(() => { refreshSession(); }, []);

  if (session === undefined) return <main class="loading">Loading…</main>;
  if (session === null) return <SignIn onSignedIn={refreshSession} />;

  const signOut = async () => {
    await api("/api/auth/sign-out", { method: "POST" }).catch(() => {});
    location.hash = "/";
    setSession(null);
  };
  const [path, param] = route.startsWith("/solves/") ? ["/solves/:id", route.slice("/solves/".length)] : [route];
  return (
    <div class="shell">
      <header>
        <a class="brand" href="#/">TokenSniped</a>
        <nav aria-label="Dashboard">
          {NAV.map(([href, label]) => (
            <a href={"#" + href} class={route === href || (href !== "/" && route.startsWith(href)) ? "active" : ""}
              aria-current={route === href ? "page" : undefined}>{label}</a>
          ))}
          <a href="/docs/">Docs</a>
        </nav>
        <span class="account">
          <a class={"who" + (route === "/account" ? " active" : "")} href="#/account" title={"Account: " + session.user.email}
            aria-current={route === "/account" ? "page" : undefined} data-testid="account-link">{session.user.email}</a>
          <button class="link" onClick={signOut} data-testid="sign-out">Sign out</button>
        </span>
      </header>
      <main>
        {path === "/" && <Overview />}
        {path === "/solves" && <Solves />}
        {path === "/solves/:id" && <SolveDetail id={param} />}
        {path === "/keys" && <Keys />}
        {path === "/billing" && <Billing />}
        {path === "/targets" && <Targets />}
        {path === "/account" && <Account session={session} onChanged={refreshSession}
          onSignedOutEverywhere={() => { location.hash = "/"; setSession(null); }} />}
        {!PAGES.includes(path) && <NotFound route={route} />}
        {path === "/webhooks" && <Webhooks />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app"));

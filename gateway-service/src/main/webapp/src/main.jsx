import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { SignIn } from "./pages/SignIn.jsx";
import { Overview } from "./pages/Overview.jsx";
import { Keys } from "./pages/Keys.jsx";
import { Solves } from "./pages/Solves.jsx";
import { SolveDetail } from "./pages/SolveDetail.jsx";
import { Billing } from "./pages/Billing.jsx";
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
];

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
        <nav>
          {NAV.map(([href, label]) => (
            <a href={"#" + href} class={route === href || (href !== "/" && route.startsWith(href)) ? "active" : ""}>{label}</a>
          ))}
          <a href="/docs/">Docs</a>
        </nav>
        <span class="who">{session.user.email}</span>
        <button class="link" onClick={signOut} data-testid="sign-out">Sign out</button>
      </header>
      <main>
        {path === "/" && <Overview />}
        {path === "/solves" && <Solves />}
        {path === "/solves/:id" && <SolveDetail id={param} />}
        {path === "/keys" && <Keys />}
        {path === "/billing" && <Billing />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app"));

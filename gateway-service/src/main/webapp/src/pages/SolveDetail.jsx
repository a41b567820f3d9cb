import { useEffect, useState } from "preact/hooks";
import { api, follow, formatMs, formatTime } from "../api.js";
import { CopyButton } from "../copy.jsx";
import { keyName } from "./Solves.jsx";

/** What the customer pastes into their own request: the token, the pass token, or the clearance cookie. */
function copyable(solution) {
  if (!solution) return null;
  if (solution.token) return ["Copy token", solution.token];
  if (solution.passToken) return ["Copy pass token", solution.passToken];
  const cookie = solution.cookies?.[0];
  return cookie ? ["Copy cookie", `${cookie.name}=${cookie.value}`] : null;
}

export function SolveDetail({ id }) {
  const [solve, setSolve] = useState(null);
  const [keys, setKeys] = useState([]);
  const [error, setError] = useState(null);
  useEffect(() => {
    api("/api/solve/" + id).then(setSolve).catch((e) => setError(e.status === 404 ? "No such solve in this account." : e.message));
    api("/api/keys").then(setKeys).catch(() => {});
    // Until it ends, the solve's own stream brings each change.
    return follow(`/api/solve/${id}/stream`, "status", setSolve);
  }, [id]);

  if (error) return <section><h1>Solve</h1><p class="error" role="alert">{error}</p><a href="#/solves">Back to solves</a></section>;
  if (!solve) return <section><h1>Solve</h1><p class="muted">Loading…</p></section>;
  const rows = [
    ["Id", <code class="id">{solve.id}</code>], ["Type", solve.type],
    ["Status", <span class={"status " + solve.status} data-testid="detail-status">{solve.status}</span>],
    ["Page", solve.pageUrl ? <span class="id" data-testid="detail-page">{solve.pageUrl}</span> : "—"],
    ...(solve.siteKey ? [["Site key", <code class="id" data-testid="detail-site-key">{solve.siteKey}</code>]] : []),
    ["Test mode", solve.testMode ? "yes" : "no"], ["API key", <span data-testid="detail-key">{keyName(keys, solve.apiKeyId)}</span>],
    ["Cost", solve.cost], ["Created", formatTime(solve.createdAt)], ["Started", formatTime(solve.startedAt)],
    ["Completed", formatTime(solve.completedAt)], ["Elapsed", formatMs(solve.elapsedMs)],
  ];
  const copy = copyable(solve.solution);
  return (
    <section data-testid="solve-detail">
      <a href="#/solves">← Solves</a>
      <h1>Solve <code class="id">{solve.id}</code></h1>
      <dl class="card details">{rows.map(([k, v]) => [<dt>{k}</dt>, <dd>{v}</dd>])}</dl>
      {solve.error && <div class="card"><h2>Error</h2><p><code>{solve.error.code}</code> {solve.error.message}</p></div>}
      {solve.solution && (
        <div class="card">
          <h2>Solution</h2>
          {copy && <p><CopyButton text={copy[1]} label={copy[0]} testId="copy-solution" /></p>}
          <pre class="solution" tabIndex={0}>{JSON.stringify(solve.solution, null, 2)}</pre>
        </div>
      )}
    </section>
  );
}

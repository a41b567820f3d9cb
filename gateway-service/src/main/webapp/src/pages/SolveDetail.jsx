import { useEffect, useState } from "preact/hooks";
import { api, follow, formatMs, formatTime } from "../api.js";

export function SolveDetail({ id }) {
  const [solve, setSolve] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api("/api/solve/" + id).then(setSolve).catch((e) => setError(e.status === 404 ? "No such solve in this account." : e.message));
    // Until it ends, the solve's own stream brings each change.
    return follow(`/api/solve/${id}/stream`, "status", setSolve);
  }, [id]);

  if (error) return <section><h1>Solve</h1><p class="error" role="alert">{error}</p><a href="#/solves">Back to solves</a></section>;
  if (!solve) return <section><h1>Solve</h1><p class="muted">Loading…</p></section>;
  const rows = [
    ["Id", <code>{solve.id}</code>], ["Type", solve.type], ["Status", <span class={"status " + solve.status} data-testid="detail-status">{solve.status}</span>],
    ["Test mode", solve.testMode ? "yes" : "no"], ["API key", <code>{solve.apiKeyId}</code>], ["Cost", solve.cost],
    ["Created", formatTime(solve.createdAt)], ["Started", formatTime(solve.startedAt)], ["Completed", formatTime(solve.completedAt)],
    ["Elapsed", formatMs(solve.elapsedMs)],
  ];
  return (
    <section data-testid="solve-detail">
      <a href="#/solves">← Solves</a>
      <h1>Solve <code>{solve.id.slice(0, 8)}</code></h1>
      <dl class="card details">{rows.map(([k, v]) => [<dt>{k}</dt>, <dd>{v}</dd>])}</dl>
      {solve.error && <div class="card"><h2>Error</h2><p><code>{solve.error.code}</code> {solve.error.message}</p></div>}
      {solve.solution && <div class="card"><h2>Solution</h2><pre class="solution">{JSON.stringify(solve.solution, null, 2)}</pre></div>}
    </section>
  );
}

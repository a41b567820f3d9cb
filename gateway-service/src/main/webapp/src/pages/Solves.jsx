import { useEffect, useState } from "preact/hooks";
import { api, follow, formatMs, formatTime } from "../api.js";

const NO_FILTERS = { type: "", status: "", apiKeyId: "", from: "", to: "" };

function query(filters, cursor) {
  const q = new URLSearchParams({ limit: "20" });
  for (const [name, value] of Object.entries(filters)) {
    if (value) q.set(name, name === "from" || name === "to" ? new Date(value).toISOString() : value);
  }
  if (cursor) q.set("cursor", cursor);
  return q;
}

function Status({ status }) {
  return <span class={"status " + status}>{status}</span>;
}

export function Solves() {
  const [live, setLive] = useState([]);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [page, setPage] = useState({ items: null, nextCursor: null });
  const [keys, setKeys] = useState([]);
  const [error, setError] = useState(null);

  // Live: every solve of the account as it is created and changes, newest first, one row per solve.
  useEffect(() => follow("/api/stream/solves", "solve", (solve) =>
    setLive((rows) => [solve, ...rows.filter((r) => r.id !== solve.id)].slice(0, 20))), []);
  useEffect(() => { api("/api/keys").then(setKeys).catch(() => {}); }, []);
  const load = (cursor) => api("/api/solve/history?" + query(filters, cursor))
    .then((result) => setPage((p) => ({ items: cursor ? [...p.items, ...result.items] : result.items, nextCursor: result.nextCursor })))
    .catch((e) => setError(e.message));
  useEffect(() => { load(null); }, [filters]);
  const set = (name) => (e) => setFilters({ ...filters, [name]: e.target.value });

  return (
    <section>
      <h1>Solves</h1>
      <h2>Live</h2>
      {live.length === 0 ? <p class="empty" data-testid="live-empty">Waiting for solves… submitted ones appear here as they happen.</p> : (
        <table data-testid="live">
          <thead><tr><th>Solve</th><th>Type</th><th>Status</th><th>Elapsed</th><th>Created</th></tr></thead>
          <tbody>{live.map((s) => (
            <tr data-testid={"live-" + s.id}>
              <td><a href={"#/solves/" + s.id}><code>{s.id.slice(0, 8)}</code></a>{s.testMode && <span class="tag">test</span>}</td>
              <td>{s.type}</td><td><Status status={s.status} /></td><td>{formatMs(s.elapsedMs)}</td><td>{formatTime(s.createdAt)}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      <h2>History</h2>
      <form class="card row filters" onSubmit={(e) => e.preventDefault()}>
        <label>Type<select value={filters.type} onChange={set("type")} name="type">
          <option value="">any</option><option>turnstile</option><option>geetest</option><option>interstitial</option>
        </select></label>
        <label>Status<select value={filters.status} onChange={set("status")} name="status">
          <option value="">any</option><option>pending</option><option>processing</option><option>solved</option><option>failed</option>
        </select></label>
        <label>Key<select value={filters.apiKeyId} onChange={set("apiKeyId")} name="apiKeyId">
          <option value="">any</option>{keys.map((k) => <option value={k.id}>{k.name}</option>)}
        </select></label>
        <label>From<input type="datetime-local" value={filters.from} onChange={set("from")} /></label>
        <label>To<input type="datetime-local" value={filters.to} onChange={set("to")} /></label>
        <button type="button" class="link" onClick={() => setFilters(NO_FILTERS)}>Clear</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {page.items == null ? <p class="muted">Loading…</p> : page.items.length === 0 ? (
        <p class="empty">No solves match. Submit one with an API key (a test key costs nothing).</p>
      ) : (
        <table data-testid="history">
          <thead><tr><th>Solve</th><th>Type</th><th>Status</th><th>Page</th><th>Cost</th><th>Elapsed</th><th>Created</th></tr></thead>
          <tbody>{page.items.map((s) => (
            <tr data-testid={"history-" + s.id}>
              <td><a href={"#/solves/" + s.id}><code>{s.id.slice(0, 8)}</code></a></td>
              <td>{s.type}</td><td><Status status={s.status} />{s.errorCode && <span class="muted"> {s.errorCode}</span>}</td>
              <td class="url">{s.pageUrl}</td><td>{s.cost}</td><td>{formatMs(s.elapsedMs)}</td><td>{formatTime(s.createdAt)}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      {page.nextCursor && <button onClick={() => load(page.nextCursor)}>Load more</button>}
    </section>
  );
}

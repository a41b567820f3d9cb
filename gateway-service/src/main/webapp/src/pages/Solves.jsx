import { useEffect, useState } from "preact/hooks";
import { api, follow, formatMs, formatTime } from "../api.js";

const FILTERS = ["type", "status", "apiKeyId", "from", "to"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIVE_ROWS = 20;

/** The filters kept in the page's address (#/solves?type=…), so a reload or a shared link shows the same list. */
function filtersFromAddress() {
  const q = new URLSearchParams(location.hash.split("?")[1] ?? "");
  return Object.fromEntries(FILTERS.map((name) => [name, q.get(name) ?? ""]));
}

function remember(filters) {
  const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  history.replaceState(null, "", "#/solves" + (q.size ? "?" + q : ""));
}

function query(filters, cursor) {
  const q = new URLSearchParams({ limit: "20" });
  for (const [name, value] of Object.entries(filters)) {
    if (value) q.set(name, name === "from" || name === "to" ? new Date(value).toISOString() : value);
  }
  if (cursor) q.set("cursor", cursor);
  return q;
}

/** Whether a solve from the stream belongs in the history list as filtered. */
function matches(solve, filters) {
  const created = new Date(solve.createdAt);
  return (!filters.type || solve.type === filters.type) && (!filters.status || solve.status === filters.status)
    && (!filters.apiKeyId || solve.apiKeyId === filters.apiKeyId)
    && (!filters.from || created >= new Date(filters.from)) && (!filters.to || created < new Date(filters.to));
}

function Status({ status }) {
  return <span class={"status " + status}>{status}</span>;
}

export function keyName(keys, apiKeyId) {
  const key = keys.find((k) => k.id === apiKeyId);
  return key ? key.name : "deleted key";
}

export function Solves() {
  const [live, setLive] = useState([]);
  const [filters, setFilters] = useState(filtersFromAddress);
  const [page, setPage] = useState({ items: null, nextCursor: null });
  const [keys, setKeys] = useState([]);
  const [search, setSearch] = useState("");
  const [searchError, setSearchError] = useState(null);
  const [error, setError] = useState(null);

  // Live: every solve of the account as it is created and changes, newest first, one row per solve; the history below
  // takes the same changes, so it never needs a reload.
  useEffect(() => follow("/api/stream/solves", "solve", (solve) => {
    setLive((rows) => [solve, ...rows.filter((r) => r.id !== solve.id)].slice(0, LIVE_ROWS));
    setPage((p) => {
      if (p.items == null) return p;
      const known = p.items.some((r) => r.id === solve.id);
      const row = (r) => ({ ...r, ...solve, pageUrl: r?.pageUrl ?? solve.pageUrl, errorCode: solve.error?.code ?? r?.errorCode });
      if (known) return { ...p, items: p.items.map((r) => (r.id === solve.id ? row(r) : r)).filter((r) => matches(r, filters)) };
      return matches(solve, filters) ? { ...p, items: [row(null), ...p.items] } : p;
    });
  }), [filters]);
  useEffect(() => { api("/api/keys").then(setKeys).catch(() => {}); }, []);
  const load = (cursor) => api("/api/solve/history?" + query(filters, cursor))
    .then((result) => setPage((p) => ({ items: cursor ? [...p.items, ...result.items] : result.items, nextCursor: result.nextCursor })))
    .catch((e) => setError(e.message));
  useEffect(() => { remember(filters); load(null); }, [filters]);
  const set = (name) => (e) => setFilters({ ...filters, [name]: e.target.value });

  const find = async (e) => {
    e.preventDefault();
    const id = search.trim();
    setSearchError(null);
    if (!UUID.test(id)) return setSearchError("a solve id is a UUID, e.g. 01936f3e-8f1a-7c3d-9b2e-4a5f6c7d8e9f");
    try {
      await api("/api/solve/" + id);
      location.hash = "/solves/" + id;
    } catch (err) {
      setSearchError(err.status === 404 ? "No solve with this id in your account." : err.message);
    }
  };

  return (
    <section>
      <h1>Solves</h1>
      <form class="card row" onSubmit={find} role="search" noValidate>
        <label>Find a solve by id<input name="solve-id" value={search} onInput={(e) => setSearch(e.target.value)}
          placeholder="solve id" aria-describedby={searchError ? "solve-id-error" : undefined} /></label>
        <button type="submit" data-testid="find-solve">Find</button>
        {searchError && <p class="error field-error" id="solve-id-error" role="alert">{searchError}</p>}
      </form>
      <h2>Live</h2>
      {live.length === 0 ? <p class="empty" data-testid="live-empty">Waiting for solves… submitted ones appear here as they happen.</p> : (
        <table class="stack" data-testid="live">
          <thead><tr><th>Solve</th><th>Type</th><th>Status</th><th>Elapsed</th><th>Created</th></tr></thead>
          <tbody>{live.map((s) => (
            <tr data-testid={"live-" + s.id}>
              <td data-label="Solve"><a href={"#/solves/" + s.id}><code class="id">{s.id}</code></a>{s.testMode && <span class="tag">test</span>}</td>
              <td data-label="Type">{s.type}</td><td data-label="Status"><Status status={s.status} /></td>
              <td data-label="Elapsed">{formatMs(s.elapsedMs)}</td><td data-label="Created">{formatTime(s.createdAt)}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      <h2>History</h2>
      <form class="card row filters" onSubmit={(e) => e.preventDefault()} data-testid="filters">
        <label>Type<select value={filters.type} onChange={set("type")} name="type">
          <option value="">any</option><option>turnstile</option><option>geetest</option><option>interstitial</option>
        </select></label>
        <label>Status<select value={filters.status} onChange={set("status")} name="status">
          <option value="">any</option><option>pending</option><option>processing</option><option>solved</option><option>failed</option>
        </select></label>
        <label>Key<select value={filters.apiKeyId} onChange={set("apiKeyId")} name="apiKeyId">
          <option value="">any</option>{keys.map((k) => <option value={k.id}>{k.name}</option>)}
        </select></label>
        <label>From<input type="datetime-local" name="from" value={filters.from} onChange={set("from")} /></label>
        <label>To<input type="datetime-local" name="to" value={filters.to} onChange={set("to")} /></label>
        <button type="button" class="secondary" onClick={() => setFilters(Object.fromEntries(FILTERS.map((f) => [f, ""])))}>Clear</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {page.items == null ? <p class="muted">Loading…</p> : page.items.length === 0 ? (
        <p class="empty">No solves match. Submit one with an API key (a test key costs nothing).</p>
      ) : (
        <table class="stack" data-testid="history">
          <thead><tr><th>Solve</th><th>Type</th><th>Status</th><th>Key</th><th>Page</th><th>Cost</th><th>Elapsed</th><th>Created</th></tr></thead>
          <tbody>{page.items.map((s) => (
            <tr data-testid={"history-" + s.id}>
              <td data-label="Solve"><a href={"#/solves/" + s.id}><code class="id">{s.id}</code></a></td>
              <td data-label="Type">{s.type}</td>
              <td data-label="Status"><Status status={s.status} />{s.errorCode && <span class="muted"> {s.errorCode}</span>}</td>
              <td data-label="Key" data-testid="key-name">{keyName(keys, s.apiKeyId)}</td>
              <td data-label="Page" class="url" title={s.pageUrl}>{s.pageUrl}</td><td data-label="Cost">{s.cost}</td>
              <td data-label="Elapsed">{formatMs(s.elapsedMs)}</td><td data-label="Created">{formatTime(s.createdAt)}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      {page.nextCursor && <button onClick={() => load(page.nextCursor)}>Load more</button>}
    </section>
  );
}

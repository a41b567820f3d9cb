import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";

// Outbound webhooks (docs/webhooks.md): endpoints, the secret shown once, the delivery log with resend, the
// balance below which balance.low is sent, and per-solve callbacks (a solve request's callbackUrl): their secret and log.

const EVENT_TYPES = ["solve.succeeded", "solve.failed", "balance.low", "credits.purchased", "api_key.revoked"];

// base: /api/webhooks/{id} for an endpoint, /api/webhooks/callbacks for per-solve callbacks (whose rows have a url).
function Deliveries({ base, testId, onError }) {
  const [deliveries, setDeliveries] = useState(null);
  const load = () => api(`${base}/deliveries?limit=20`).then(setDeliveries).catch((e) => onError(e.message));
  useEffect(() => { load(); }, [base]);
  const resend = (d) => api(`${base}/deliveries/${d.id}/resend`, { method: "POST" })
    .then(load).catch((e) => onError(e.message));
  if (deliveries == null) return <p class="muted">Loading…</p>;
  if (deliveries.length === 0) return <p class="empty">No deliveries yet.</p>;
  return (
    <table data-testid={testId}>
      <thead><tr><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Latency</th><th>Next attempt</th><th></th></tr></thead>
      <tbody>
        {deliveries.map((d) => {
          const last = d.attemptLog[d.attemptLog.length - 1];
          return (
            <tr key={d.id}>
              <td><code>{d.eventType}</code> <span class="muted">{d.eventId}</span>{d.url && <> <code>{d.url}</code></>}</td>
              <td class={d.status === "delivered" ? "ok" : d.status === "failed" ? "bad" : ""}>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{last ? (last.responseCode ?? last.error) : "—"} {last?.responseExcerpt && <span class="muted">{last.responseExcerpt.slice(0, 80)}</span>}</td>
              <td>{last ? `${last.latencyMs} ms` : "—"}</td>
              <td>{formatTime(d.nextAttemptAt)}</td>
              <td><button class="link" onClick={() => resend(d)} data-testid="resend">Resend</button></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EndpointCard({ endpoint, onChanged, onSecret, onError }) {
  const [open, setOpen] = useState(false);
  const patch = (body) => api(`/api/webhooks/${endpoint.id}`, { method: "PATCH", body }).then(onChanged).catch((e) => onError(e.message));
  const rotate = () => {
    if (confirm("Rotate the signing secret? The current one keeps working for 24 hours.")) {
      api(`/api/webhooks/${endpoint.id}/rotate-secret`, { method: "POST" }).then((e) => { onSecret(e); onChanged(); })
        .catch((e) => onError(e.message));
    }
  };
  const remove = () => {
    if (confirm(`Delete the endpoint ${endpoint.url}? Its pending deliveries are dropped.`)) {
      api(`/api/webhooks/${endpoint.id}`, { method: "DELETE" }).then(onChanged).catch((e) => onError(e.message));
    }
  };
  return (
    <div class="card" data-testid={"endpoint-" + endpoint.id}>
      <p><code>{endpoint.url}</code> {endpoint.description && <span class="muted">{endpoint.description}</span>}</p>
      <p>
        {endpoint.enabled ? <span class="ok">enabled</span> : <span class="bad">disabled</span>}
        {!endpoint.enabled && endpoint.disabledReason && <span class="muted" data-testid="disabled-reason"> — {endpoint.disabledReason}</span>}
        {endpoint.enabled && endpoint.failingSince && <span class="bad"> failing since {formatTime(endpoint.failingSince)}</span>}
      </p>
      <p class="muted">{endpoint.eventTypes.join(", ")}</p>
      <p class="actions">
        <button class="link" onClick={() => patch({ enabled: !endpoint.enabled })} data-testid="toggle-enabled">
          {endpoint.enabled ? "Disable" : "Enable"}
        </button>
        <button class="link" onClick={rotate} data-testid="rotate">Rotate secret</button>
        <button class="link" onClick={() => setOpen(!open)} data-testid="show-deliveries">{open ? "Hide deliveries" : "Deliveries"}</button>
        <button class="link danger" onClick={remove} data-testid="delete">Delete</button>
      </p>
      {open && <Deliveries base={`/api/webhooks/${endpoint.id}`} testId={"deliveries-" + endpoint.id} onError={onError} />}
    </div>
  );
}

// The account's callback secret signs every solve outcome sent to a solve request's callbackUrl.
function Callbacks({ onError }) {
  const [secret, setSecret] = useState(null);
  const [open, setOpen] = useState(false);
  const reveal = () => api("/api/webhooks/callbacks/secret").then(setSecret).catch((e) => onError(e.message));
  const rotate = () => {
    if (confirm("Rotate the callback secret? The current one keeps working for 24 hours.")) {
      api("/api/webhooks/callbacks/rotate-secret", { method: "POST" }).then(setSecret).catch((e) => onError(e.message));
    }
  };
  return (
    <div class="card" data-testid="callbacks">
      <h2>Per-solve callbacks</h2>
      <p class="muted">A solve request with a <code>callbackUrl</code> gets its outcome there, signed with this account's callback secret.</p>
      {secret ? <p><code class="secret" data-testid="callback-secret">{secret.secret}</code></p> : null}
      <p class="actions">
        {secret
          ? <button class="link" onClick={() => setSecret(null)} data-testid="hide-callback-secret">Hide secret</button>
          : <button class="link" onClick={reveal} data-testid="show-callback-secret">Show secret</button>}
        <button class="link" onClick={rotate} data-testid="rotate-callback-secret">Rotate secret</button>
        <button class="link" onClick={() => setOpen(!open)} data-testid="show-callback-deliveries">{open ? "Hide deliveries" : "Deliveries"}</button>
      </p>
      {open && <Deliveries base="/api/webhooks/callbacks" testId="callback-deliveries" onError={onError} />}
    </div>
  );
}

export function Webhooks() {
  const [endpoints, setEndpoints] = useState(null);
  const [url, setUrl] = useState("");
  const [types, setTypes] = useState(EVENT_TYPES);
  const [secret, setSecret] = useState(null);
  const [threshold, setThreshold] = useState(null);
  const [error, setError] = useState(null);

  const load = () => api("/api/webhooks").then(setEndpoints).catch((e) => setError(e.message));
  useEffect(() => {
    load();
    api("/api/webhooks/settings").then((s) => setThreshold(s.balanceLowThreshold)).catch((e) => setError(e.message));
  }, []);

  const create = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      setSecret(await api("/api/webhooks", { method: "POST", body: { url, eventTypes: types } }));
      setUrl("");
      load();
    } catch (err) {
      setError(err.details?.length ? err.details.map((d) => `${d.field}: ${d.message}`).join("; ") : err.message);
    }
  };
  const saveThreshold = (e) => {
    e.preventDefault();
    api("/api/webhooks/settings", { method: "PUT", body: { balanceLowThreshold: Number(threshold) } })
      .then((s) => setThreshold(s.balanceLowThreshold)).catch((err) => setError(err.message));
  };
  const toggle = (type) => setTypes(types.includes(type) ? types.filter((t) => t !== type) : [...types, type]);

  return (
    <section>
      <h1>Webhooks</h1>
      <p class="muted">Signed HTTPS POSTs to your server (Standard Webhooks); see <a href="/docs/">the docs</a> to verify them.</p>
      {secret && (
        <div class="card reveal" data-testid="new-secret">
          <p><strong>The signing secret for {secret.url}. It is shown only now.</strong></p>
          <code class="secret" data-testid="signing-secret">{secret.secret}</code>
          <button class="link" onClick={() => setSecret(null)} data-testid="dismiss-secret">I have saved it</button>
        </div>
      )}
      <form class="card row" onSubmit={create}>
        <label>URL<input name="webhook-url" type="url" value={url} required maxLength={2048} placeholder="https://example.com/webhooks"
          onInput={(e) => setUrl(e.target.value)} /></label>
        {EVENT_TYPES.map((t) => (
          <label key={t} class="inline"><input type="checkbox" checked={types.includes(t)} onChange={() => toggle(t)} /> {t}</label>
        ))}
        <button type="submit" data-testid="create-webhook">Add endpoint</button>
      </form>
      <form class="card row" onSubmit={saveThreshold}>
        <label>Send balance.low below
          <input type="number" min="1" value={threshold ?? ""} onInput={(e) => setThreshold(e.target.value)} data-testid="balance-low-threshold" /> credits
        </label>
        <button type="submit">Save</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <Callbacks onError={setError} />
      {endpoints == null ? <p class="muted">Loading…</p> : endpoints.length === 0 ? (
        <p class="empty">No endpoints yet. Add one above to be told when solves end, credits arrive or the balance runs low.</p>
      ) : endpoints.map((e) => <EndpointCard key={e.id} endpoint={e} onChanged={load} onSecret={setSecret} onError={setError} />)}
    </section>
  );
}

import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";

const DEFAULTS = { name: "", mode: "live", rateLimitRpm: 60, rateLimitRpd: 10000 };

function KeyRow({ apiKey, onChanged, onError }) {
  const [editing, setEditing] = useState(false);
  const [limits, setLimits] = useState({ rateLimitRpm: apiKey.rateLimitRpm, rateLimitRpd: apiKey.rateLimitRpd });
  const patch = (body) => api(`/api/keys/${apiKey.id}`, { method: "PATCH", body }).then(onChanged).catch((e) => onError(e.message));
  const remove = () => {
    if (confirm(`Delete the key "${apiKey.name}"? Requests with it will be refused.`)) {
      api(`/api/keys/${apiKey.id}`, { method: "DELETE" }).then(onChanged).catch((e) => onError(e.message));
    }
  };
  return (
    <tr data-testid={"key-" + apiKey.name}>
      <td>{apiKey.name}</td>
      <td><code>{apiKey.keyPrefix}…</code></td>
      <td>{apiKey.mode}</td>
      <td>{apiKey.isActive ? <span class="ok">active</span> : <span class="bad">inactive</span>}</td>
      <td>
        {editing ? (
          <span class="inline">
            <input type="number" min="1" max="10000" value={limits.rateLimitRpm} aria-label="requests per minute"
              onInput={(e) => setLimits({ ...limits, rateLimitRpm: Number(e.target.value) })} />/min
            <input type="number" min="1" max="1000000" value={limits.rateLimitRpd} aria-label="requests per day"
              onInput={(e) => setLimits({ ...limits, rateLimitRpd: Number(e.target.value) })} />/day
            <button onClick={() => { patch(limits); setEditing(false); }}>Save</button>
          </span>
        ) : (
          <span>{apiKey.rateLimitRpm}/min, {apiKey.rateLimitRpd}/day <button class="link" onClick={() => setEditing(true)}>edit</button></span>
        )}
      </td>
      <td>{formatTime(apiKey.lastUsedAt)}</td>
      <td class="actions">
        <button class="link" onClick={() => patch({ isActive: !apiKey.isActive })} data-testid="toggle-active">
          {apiKey.isActive ? "Deactivate" : "Activate"}
        </button>
        <button class="link danger" onClick={remove} data-testid="delete">Delete</button>
      </td>
    </tr>
  );
}

export function Keys() {
  const [keys, setKeys] = useState(null);
  const [form, setForm] = useState(DEFAULTS);
  const [created, setCreated] = useState(null);
  const [error, setError] = useState(null);
  const [copied, setCopied] = useState(false);

  const load = () => api("/api/keys").then(setKeys).catch((e) => setError(e.message));
  useEffect(() => { load(); }, []);

  const create = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await api("/api/keys", { method: "POST", body: form }));
      setCopied(false);
      setForm(DEFAULTS);
      load();
    } catch (err) {
      setError(err.details?.length ? err.details.map((d) => `${d.field}: ${d.message}`).join("; ") : err.message);
    }
  };
  const copy = () => navigator.clipboard.writeText(created.key).then(() => setCopied(true), () => setCopied(false));

  return (
    <section>
      <h1>API keys</h1>
      {created && (
        <div class="card reveal" data-testid="new-key">
          <p><strong>{created.message}</strong></p>
          <code class="secret" data-testid="full-key">{created.key}</code>
          <button onClick={copy}>{copied ? "Copied" : "Copy"}</button>
          <button class="link" onClick={() => setCreated(null)} data-testid="dismiss-key">I have saved it</button>
        </div>
      )}
      <form class="card row" onSubmit={create}>
        <label>Name<input name="key-name" value={form.name} required maxLength={64} onInput={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>Mode
          <select name="key-mode" value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value })}>
            <option value="live">live</option>
            <option value="test">test (no browser, no credits)</option>
          </select>
        </label>
        <label>Per minute<input type="number" min="1" max="10000" value={form.rateLimitRpm} onInput={(e) => setForm({ ...form, rateLimitRpm: Number(e.target.value) })} /></label>
        <label>Per day<input type="number" min="1" max="1000000" value={form.rateLimitRpd} onInput={(e) => setForm({ ...form, rateLimitRpd: Number(e.target.value) })} /></label>
        <button type="submit" data-testid="create-key">Create key</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {keys == null ? <p class="muted">Loading…</p> : keys.length === 0 ? (
        <p class="empty">No API keys yet. Create one above; a test key lets you try every call without spending credits.</p>
      ) : (
        <table>
          <thead><tr><th>Name</th><th>Key</th><th>Mode</th><th>Status</th><th>Limits</th><th>Last used</th><th></th></tr></thead>
          <tbody>{keys.map((k) => <KeyRow key={k.id} apiKey={k} onChanged={load} onError={setError} />)}</tbody>
        </table>
      )}
    </section>
  );
}

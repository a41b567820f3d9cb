import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";
import { CopyButton } from "../copy.jsx";

// New keys start in test mode: trying the API should never spend credits by surprise.
const DEFAULTS = { name: "", mode: "test", rateLimitRpm: 60, rateLimitRpd: 10000 };
// The contract's bounds (CreateApiKeyRequest), checked here first so a slip never costs the customer their input.
const BOUNDS = { rateLimitRpm: [1, 10000, "requests per minute"], rateLimitRpd: [1, 1000000, "requests per day"] };
const DAY = 24 * 3600 * 1000;
const USAGE_PAGES = 10;

/** Field → message for what the contract would refuse; empty when the values may be sent. */
function validate(values, { requireName }) {
  const errors = {};
  if (requireName) {
    const name = values.name.trim();
    if (!name) errors.name = "a name is required";
    else if (name.length > 64) errors.name = "at most 64 characters";
  }
  for (const [field, [min, max, what]] of Object.entries(BOUNDS)) {
    const value = values[field];
    if (value === "" || !Number.isInteger(Number(value)) || Number(value) < min || Number(value) > max) {
      errors[field] = `${what}: a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}`;
    }
  }
  return errors;
}

/** The server's answer as field errors when it names fields (VALIDATION_ERROR details), else one message. */
function serverErrors(err) {
  return err.details?.length ? Object.fromEntries(err.details.map((d) => [d.field, d.message])) : { form: err.message };
}

function FieldError({ id, message }) {
  return message ? <span class="error field-error" id={id} role="alert">{message}</span> : null;
}

/** Solves per key today (since 00:00 UTC) and over the last 7 days, counted from history. */
async function usageByKey() {
  const now = Date.now();
  const today = new Date(now); today.setUTCHours(0, 0, 0, 0);
  const usage = {};
  let cursor = null;
  let complete = false;
  for (let page = 0; page < USAGE_PAGES; page++) {
    const q = new URLSearchParams({ limit: "100", from: new Date(now - 7 * DAY).toISOString() });
    if (cursor) q.set("cursor", cursor);
    const result = await api("/api/solve/history?" + q);
    for (const item of result.items) {
      const u = (usage[item.apiKeyId] ??= { today: 0, week: 0 });
      u.week++;
      if (new Date(item.createdAt) >= today) u.today++;
    }
    cursor = result.nextCursor;
    if (!cursor) { complete = true; break; }
  }
  return { usage, complete };
}

function KeyRow({ apiKey, usage, onChanged }) {
  const [editing, setEditing] = useState(false);
  const [limits, setLimits] = useState({ rateLimitRpm: apiKey.rateLimitRpm, rateLimitRpd: apiKey.rateLimitRpd });
  const [errors, setErrors] = useState({});
  const id = (field) => `${apiKey.id}-${field}`;
  const patch = (body) => api(`/api/keys/${apiKey.id}`, { method: "PATCH", body });
  const startEditing = () => { setLimits({ rateLimitRpm: apiKey.rateLimitRpm, rateLimitRpd: apiKey.rateLimitRpd }); setErrors({}); setEditing(true); };
  const save = async (e) => {
    e.preventDefault();
    const found = validate(limits, { requireName: false });
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await patch({ rateLimitRpm: Number(limits.rateLimitRpm), rateLimitRpd: Number(limits.rateLimitRpd) });
      setEditing(false);
      onChanged();
    } catch (err) {
      setErrors(serverErrors(err)); // the editor stays open with what was typed
    }
  };
  const toggle = () => patch({ isActive: !apiKey.isActive }).then(onChanged).catch((err) => setErrors({ form: err.message }));
  const remove = () => {
    if (confirm(`Delete the key "${apiKey.name}"? Requests with it will be refused.`)) {
      api(`/api/keys/${apiKey.id}`, { method: "DELETE" }).then(onChanged).catch((err) => setErrors({ form: err.message }));
    }
  };
  const limitInput = (field) => (
    <input type="number" inputMode="numeric" min={BOUNDS[field][0]} max={BOUNDS[field][1]} value={limits[field]} name={field}
      aria-label={BOUNDS[field][2]} aria-invalid={errors[field] ? "true" : undefined} aria-describedby={errors[field] ? id(field) : undefined}
      onInput={(e) => setLimits({ ...limits, [field]: e.target.value })} />
  );
  return (
    <tr data-testid={"key-" + apiKey.name}>
      <td data-label="Name">{apiKey.name}</td>
      <td data-label="Key"><code>{apiKey.keyPrefix}…</code></td>
      <td data-label="Mode">{apiKey.mode}</td>
      <td data-label="Status">{apiKey.isActive ? <span class="ok">active</span> : <span class="bad">inactive</span>}</td>
      <td data-label="Limits">
        {editing ? (
          // A form of its own: Enter saves, Escape (or Cancel) leaves the limits as they were.
          <form class="inline" onSubmit={save} onKeyDown={(e) => { if (e.key === "Escape") setEditing(false); }} data-testid="limits-editor">
            <span>{limitInput("rateLimitRpm")}/min</span>
            <span>{limitInput("rateLimitRpd")}/day</span>
            <button type="submit" data-testid="save-limits">Save</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)} data-testid="cancel-limits">Cancel</button>
            <FieldError id={id("rateLimitRpm")} message={errors.rateLimitRpm} />
            <FieldError id={id("rateLimitRpd")} message={errors.rateLimitRpd} />
          </form>
        ) : (
          <span>{apiKey.rateLimitRpm}/min, {apiKey.rateLimitRpd.toLocaleString()}/day{" "}
            <button class="link" onClick={startEditing} data-testid="edit-limits" aria-label={`Edit the limits of ${apiKey.name}`}>edit</button></span>
        )}
        <FieldError message={errors.form} />
      </td>
      <td data-label="Created" data-testid="created">{formatTime(apiKey.createdAt)}</td>
      <td data-label="Last used" data-testid="last-used">{apiKey.lastUsedAt ? formatTime(apiKey.lastUsedAt) : "never"}</td>
      <td data-label="Solves today / 7 days" data-testid="usage">{usage ? `${usage.today} / ${usage.week}` : "…"}</td>
      <td data-label="Actions"><span class="actions">
        <button class="link" onClick={toggle} data-testid="toggle-active">{apiKey.isActive ? "Deactivate" : "Activate"}</button>
        <button class="link danger" onClick={remove} data-testid="delete">Delete</button>
      </span></td>
    </tr>
  );
}

export function Keys() {
  const [keys, setKeys] = useState(null);
  const [usage, setUsage] = useState(null);
  const [form, setForm] = useState(DEFAULTS);
  const [created, setCreated] = useState(null);
  const [errors, setErrors] = useState({});

  const load = () => {
    api("/api/keys").then(setKeys).catch((e) => setErrors({ form: e.message }));
    usageByKey().then(setUsage).catch(() => setUsage({ usage: {}, complete: false }));
  };
  useEffect(() => { load(); }, []);

  const create = async (e) => {
    e.preventDefault();
    const found = validate(form, { requireName: true });
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      setCreated(await api("/api/keys", { method: "POST",
        body: { ...form, name: form.name.trim(), rateLimitRpm: Number(form.rateLimitRpm), rateLimitRpd: Number(form.rateLimitRpd) } }));
      setForm(DEFAULTS);
      load();
    } catch (err) {
      setErrors(serverErrors(err));
    }
  };
  const field = (name, label, input) => (
    <label>{label}{input}<FieldError id={"new-key-" + name} message={errors[name]} /></label>
  );
  const described = (name) => ({ "aria-invalid": errors[name] ? "true" : undefined, "aria-describedby": errors[name] ? "new-key-" + name : undefined });

  return (
    <section>
      <h1>API keys</h1>
      {created && (
        <div class="card reveal" data-testid="new-key">
          <p><strong>{created.message}</strong></p>
          <code class="secret" data-testid="full-key">{created.key}</code>
          <p class="actions"><CopyButton text={created.key} />
            <button class="link" onClick={() => setCreated(null)} data-testid="dismiss-key">I have saved it</button></p>
        </div>
      )}
      <form class="card row" onSubmit={create} noValidate data-testid="new-key-form">
        {field("name", "Name", <input name="key-name" value={form.name} maxLength={64} {...described("name")}
          onInput={(e) => setForm({ ...form, name: e.target.value })} />)}
        {field("mode", "Mode", (
          <select name="key-mode" value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value })}>
            <option value="test">test (no browser, no credits)</option>
            <option value="live">live</option>
          </select>))}
        {field("rateLimitRpm", "Per minute", <input name="key-rpm" type="number" inputMode="numeric" min="1" max="10000" value={form.rateLimitRpm}
          {...described("rateLimitRpm")} onInput={(e) => setForm({ ...form, rateLimitRpm: e.target.value })} />)}
        {field("rateLimitRpd", "Per day", <input name="key-rpd" type="number" inputMode="numeric" min="1" max="1000000" value={form.rateLimitRpd}
          {...described("rateLimitRpd")} onInput={(e) => setForm({ ...form, rateLimitRpd: e.target.value })} />)}
        <button type="submit" data-testid="create-key">Create key</button>
      </form>
      {errors.form && <p class="error" role="alert">{errors.form}</p>}
      {keys == null ? <p class="muted">Loading…</p> : keys.length === 0 ? (
        <p class="empty">No API keys yet. Create one above; a test key lets you try every call without spending credits.</p>
      ) : (
        <table class="stack" data-testid="keys">
          <thead><tr><th>Name</th><th>Key</th><th>Mode</th><th>Status</th><th>Limits</th><th>Created</th><th>Last used</th>
            <th>Solves today / 7 days</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>{keys.map((k) => <KeyRow key={k.id} apiKey={k} usage={usage && (usage.usage[k.id] ?? { today: 0, week: 0 })} onChanged={load} />)}</tbody>
        </table>
      )}
      {usage && !usage.complete && <p class="muted">Usage counts the newest {USAGE_PAGES * 100} solves of the last 7 days.</p>}
    </section>
  );
}

import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";
import { CopyButton } from "../copy.jsx";

/** The hosts this account may solve on: add one, publish its token at the well-known URL, verify, remove. */
export function Targets() {
  const [targets, setTargets] = useState(null);
  const [host, setHost] = useState("");
  const [fieldError, setFieldError] = useState(null);
  const [error, setError] = useState(null);
  const [results, setResults] = useState({});

  const load = () => api("/api/targets").then(setTargets).catch((e) => setError(e.message));
  useEffect(() => { load(); }, []);

  const add = async (e) => {
    e.preventDefault();
    setFieldError(null);
    setError(null);
    try {
      await api("/api/targets", { method: "POST", body: { host: host.trim() } });
      setHost("");
      load();
    } catch (err) {
      const field = err.details?.find((d) => d.field === "host");
      if (field) setFieldError(field.message); else setError(err.message);
    }
  };
  const verify = (target) => api(`/api/targets/${target.id}/verify`, { method: "POST" })
    .then(() => { setResults({ ...results, [target.id]: null }); load(); })
    .catch((e) => setResults({ ...results, [target.id]: e.message }));
  const remove = (target) => {
    if (confirm(`Remove ${target.host}? Solves on it will be refused.`)) {
      api(`/api/targets/${target.id}`, { method: "DELETE" }).then(load).catch((e) => setError(e.message));
    }
  };

  return (
    <section>
      <h1>Target hosts</h1>
      <p class="muted">Live solves open pages only on hosts you have verified (or the operator allows). To verify a host,
        publish the token we give you as the first line of its well-known file, then press Verify.</p>
      <form class="card row" onSubmit={add} noValidate>
        <label>Host
          <input name="target-host" value={host} required placeholder="shop.example.com" aria-invalid={fieldError ? "true" : undefined}
            aria-describedby={fieldError ? "target-host-error" : undefined} onInput={(e) => setHost(e.target.value)} />
        </label>
        <button type="submit" data-testid="add-target">Add host</button>
        {fieldError && <p class="error field-error" id="target-host-error" role="alert">{fieldError}</p>}
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {targets == null ? <p class="muted">Loading…</p> : targets.length === 0 ? (
        <p class="empty" data-testid="targets">No hosts yet. Add the host of the pages you want to solve on.</p>
      ) : (
        <ul class="targets" data-testid="targets">{targets.map((t) => (
          <li class="card" data-testid={"target-" + t.host}>
            <h2>{t.host} {t.verified ? <span class="status solved">verified</span> : <span class="status pending">not verified</span>}</h2>
            {t.verified ? <p class="muted">Verified {formatTime(t.verifiedAt)}.</p> : (
              <div>
                <p>Publish this line as the first line of <a href={t.verificationUrl} rel="noopener noreferrer" target="_blank"
                  data-testid="verification-url">{t.verificationUrl}</a>:</p>
                <div class="copyable"><code class="secret" data-testid="verification-token">{t.verificationToken}</code>
                  <CopyButton text={t.verificationToken} label="Copy token" /></div>
              </div>
            )}
            {results[t.id] && <p class="error" role="alert" data-testid="verify-result">{results[t.id]}</p>}
            <p class="actions">
              {!t.verified && <button onClick={() => verify(t)} data-testid="verify">Verify</button>}
              <button class="link danger" onClick={() => remove(t)} data-testid="remove">Remove</button>
              <span class="muted">added {formatTime(t.createdAt)}</span>
            </p>
          </li>))}
        </ul>
      )}
    </section>
  );
}

import { useState } from "preact/hooks";
import { api } from "../api.js";

export function SignIn({ onSignedIn }) {
  const [mode, setMode] = useState("sign-in");
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.value });

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = mode === "sign-up" ? form : { email: form.email, password: form.password };
      await api(`/api/auth/${mode}/email`, { method: "POST", body });
      onSignedIn();
    } catch (err) {
      setError(err.details?.length ? err.details.map((d) => `${d.field}: ${d.message}`).join("; ") : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>TokenSniped</h1>
      <p class="muted">Challenge tokens through one API. {mode === "sign-up" ? "Create your account." : "Sign in to your dashboard."}</p>
      <form onSubmit={submit} class="card">
        {mode === "sign-up" && (
          <label>Name<input name="name" value={form.name} onInput={set("name")} required /></label>
        )}
        <label>Email<input name="email" type="email" value={form.email} onInput={set("email")} required /></label>
        <label>Password<input name="password" type="password" value={form.password} onInput={set("password")} required minLength={8} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{mode === "sign-up" ? "Create account" : "Sign in"}</button>
      </form>
      <p>
        {mode === "sign-up" ? "Already have an account? " : "New here? "}
        <button class="link" onClick={() => { setMode(mode === "sign-up" ? "sign-in" : "sign-up"); setError(null); }}>
          {mode === "sign-up" ? "Sign in" : "Create an account"}
        </button>
      </p>
    </main>
  );
}

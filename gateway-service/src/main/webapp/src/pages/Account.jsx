import { useState } from "preact/hooks";
import { api } from "../api.js";

/** The server's field errors by field, or one message for the form. */
function errorsOf(err) {
  return err.details?.length ? Object.fromEntries(err.details.map((d) => [d.field, d.message])) : { form: err.message };
}

function Field({ id, label, error, children }) {
  return (
    <label for={id}>{label}{children}
      {error && <span class="error field-error" id={id + "-error"} role="alert">{error}</span>}
    </label>
  );
}

/** Name, password, and signing out everywhere. */
export function Account({ session, onChanged, onSignedOutEverywhere }) {
  const [name, setName] = useState(session.user.name ?? "");
  const [nameState, setNameState] = useState({});
  const [passwords, setPasswords] = useState({ currentPassword: "", newPassword: "" });
  const [passwordState, setPasswordState] = useState({});

  const rename = async (e) => {
    e.preventDefault();
    if (!name.trim()) return setNameState({ name: "a name is required" });
    try {
      await api("/api/auth/update-user", { method: "POST", body: { name: name.trim() } });
      setNameState({ done: "Name saved." });
      onChanged();
    } catch (err) {
      setNameState(errorsOf(err));
    }
  };
  const changePassword = async (e) => {
    e.preventDefault();
    const found = {};
    if (!passwords.currentPassword) found.currentPassword = "your current password is required";
    if (passwords.newPassword.length < 8) found.newPassword = "at least 8 characters";
    if (Object.keys(found).length) return setPasswordState(found);
    try {
      await api("/api/auth/change-password", { method: "POST", body: passwords });
      setPasswords({ currentPassword: "", newPassword: "" });
      setPasswordState({ done: "Password changed." });
    } catch (err) {
      setPasswordState(errorsOf(err));
    }
  };
  const signOutEverywhere = async () => {
    if (!confirm("Sign out of every session, on every device, this one included?")) return;
    await api("/api/auth/revoke-sessions", { method: "POST" }).catch(() => {});
    onSignedOutEverywhere();
  };
  const invalid = (state, field) => (state[field] ? { "aria-invalid": "true", "aria-describedby": field + "-error" } : {});

  return (
    <section>
      <h1>Account</h1>
      <p class="muted">Signed in as <strong>{session.user.email}</strong>.</p>
      <form class="card" onSubmit={rename} noValidate data-testid="name-form">
        <h2>Name</h2>
        <Field id="name" label="Name" error={nameState.name}>
          <input id="name" name="account-name" value={name} maxLength={128} autoComplete="name" {...invalid(nameState, "name")}
            onInput={(e) => setName(e.target.value)} />
        </Field>
        {nameState.form && <p class="error" role="alert">{nameState.form}</p>}
        {nameState.done && <p class="ok" role="status">{nameState.done}</p>}
        <button type="submit" data-testid="save-name">Save name</button>
      </form>
      <form class="card" onSubmit={changePassword} noValidate data-testid="password-form">
        <h2>Password</h2>
        <Field id="currentPassword" label="Current password" error={passwordState.currentPassword}>
          <input id="currentPassword" name="current-password" type="password" autoComplete="current-password"
            value={passwords.currentPassword} {...invalid(passwordState, "currentPassword")}
            onInput={(e) => setPasswords({ ...passwords, currentPassword: e.target.value })} />
        </Field>
        <Field id="newPassword" label="New password (at least 8 characters)" error={passwordState.newPassword}>
          <input id="newPassword" name="new-password" type="password" autoComplete="new-password" minLength={8} maxLength={128}
            value={passwords.newPassword} {...invalid(passwordState, "newPassword")}
            onInput={(e) => setPasswords({ ...passwords, newPassword: e.target.value })} />
        </Field>
        {passwordState.form && <p class="error" role="alert">{passwordState.form}</p>}
        {passwordState.done && <p class="ok" role="status">{passwordState.done}</p>}
        <button type="submit" data-testid="change-password">Change password</button>
      </form>
      <div class="card">
        <h2>Sessions</h2>
        <p>Lost a device, or signed in somewhere you should not have? Sign out of every session at once; you will sign in
          again here.</p>
        <button class="secondary danger" onClick={signOutEverywhere} data-testid="sign-out-everywhere">Sign out of all sessions</button>
      </div>
    </section>
  );
}

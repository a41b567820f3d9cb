// The public API as the dashboard uses it: same origin, the session cookie, the contract's error bodies.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.code ?? "HTTP_" + response.status,
      error.message ?? response.statusText, error.details);
  }
  return data;
}

/** Follows a Server-Sent-Event stream of the signed-in account; returns a function that closes it. */
export function follow(path, eventName, onEvent) {
  const source = new EventSource(path, { withCredentials: true });
  source.addEventListener(eventName, (e) => onEvent(JSON.parse(e.data)));
  return () => source.close();
}

export const formatTime = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
export const formatMs = (ms) => (ms == null ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

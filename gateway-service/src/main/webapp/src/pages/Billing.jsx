import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";

const PAYMENT_POLL_MS = 5000;
const FINAL = ["finished", "failed", "expired", "refunded"];

function CryptoPayment({ payment: initial }) {
  const [payment, setPayment] = useState(initial);
  useEffect(() => {
    if (FINAL.includes(payment.status)) return;
    // The provider confirms on-chain payments over minutes; the screen follows the payment until it settles.
    const timer = setInterval(() => api("/api/billing/crypto/payments/" + payment.paymentId).then(setPayment).catch(() => {}), PAYMENT_POLL_MS);
    return () => clearInterval(timer);
  }, [payment.paymentId, payment.status]);
  return (
    <div class="card" data-testid="crypto-payment">
      <h2>Pay {payment.payAmount} {payment.payCurrency.toUpperCase()}</h2>
      <p>Send exactly this amount to</p>
      <code class="secret">{payment.payAddress}</code>
      <p>{payment.credits} credits for ${payment.priceAmountUsd}. Status: <span class={"status " + payment.status} data-testid="payment-status">{payment.status}</span>
        {payment.expiresAt && <span class="muted"> — expires {formatTime(payment.expiresAt)}</span>}</p>
      {payment.sandboxPayUrl && !FINAL.includes(payment.status) && (
        <p class="sandbox">Sandbox: no coins move. <a href={payment.sandboxPayUrl} data-testid="sandbox-wallet">Pay with the sandbox wallet</a></p>
      )}
    </div>
  );
}

export function Billing() {
  const [packages, setPackages] = useState(null);
  const [providers, setProviders] = useState([]);
  const [currencies, setCurrencies] = useState([]);
  const [currency, setCurrency] = useState("");
  const [payment, setPayment] = useState(null);
  const [transactions, setTransactions] = useState(null);
  const [type, setType] = useState("");
  const [error, setError] = useState(null);

  useEffect(() => {
    api("/api/billing/packages").then(setPackages).catch((e) => setError(e.message));
    api("/api/billing/payment-providers").then((list) => {
      setProviders(list);
      // Currencies come from the crypto provider: asked only when it is configured.
      if (list.some((p) => p.id === "crypto" && p.status === "configured")) {
        api("/api/billing/crypto/currencies").then((c) => { setCurrencies(c); setCurrency(c[0]?.code ?? ""); })
          .catch((e) => setError("Crypto payments are unavailable right now: " + e.message));
      }
    }).catch((e) => setError(e.message));
  }, []);
  const configured = (id) => providers.some((p) => p.id === id && p.status === "configured");
  const sandbox = providers.some((p) => p.sandbox);
  const unconfigured = providers.filter((p) => p.status !== "configured");
  useEffect(() => {
    api("/api/billing/transactions?limit=50" + (type ? "&type=" + type : "")).then((r) => setTransactions(r.items)).catch((e) => setError(e.message));
  }, [type]);

  const stripe = (packageId) => api("/api/billing/checkout/stripe", { method: "POST", body: { packageId } })
    .then((checkout) => { location.href = checkout.url; }).catch((e) => setError(e.message));
  const crypto = (packageId) => api("/api/billing/checkout/crypto", { method: "POST", body: { packageId, currency } })
    .then(setPayment).catch((e) => setError(e.message));

  return (
    <section>
      <h1>Credits</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {payment && <CryptoPayment payment={payment} />}
      <h2>Buy credits</h2>
      {sandbox && <p class="sandbox" data-testid="sandbox-notice">Sandbox: payments go to local stand-ins of the providers. Nothing real is charged.</p>}
      {unconfigured.map((p) => (
        <p class="notice" data-testid={"not-configured-" + p.id}>{p.name} payments are not configured on this platform.</p>
      ))}
      {currencies.length > 0 && (
        <label>Crypto currency <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
          {currencies.map((c) => <option value={c.code}>{c.name} ({c.network})</option>)}
        </select></label>
      )}
      {packages == null ? <p class="muted">Loading…</p> : (
        <div class="tiles">{packages.map((p) => (
          <div class="card tile" data-testid={"package-" + p.id}>
            <strong>{p.credits.toLocaleString()}</strong><span class="muted">credits</span>
            <span class="price">${p.priceUsd}</span>
            {configured("stripe") && <button onClick={() => stripe(p.id)}>Pay by card{sandbox ? " (sandbox)" : ""}</button>}
            {currencies.length > 0 && <button class="secondary" onClick={() => crypto(p.id)}>Pay with {currency.toUpperCase()}{sandbox ? " (sandbox)" : ""}</button>}
          </div>))}
        </div>
      )}
      <h2>Transactions</h2>
      <label>Type <select value={type} onChange={(e) => setType(e.target.value)}>
        <option value="">all</option><option>daily_grant</option><option>purchase</option><option>solve_charge</option><option>refund</option><option>adjustment</option>
      </select></label>
      {transactions == null ? <p class="muted">Loading…</p> : transactions.length === 0 ? <p class="empty">No transactions yet. Claim your daily credits on the overview.</p> : (
        <table data-testid="transactions">
          <thead><tr><th>When</th><th>Type</th><th>Amount</th><th>Balance after</th><th>Description</th></tr></thead>
          <tbody>{transactions.map((t) => (
            <tr><td>{formatTime(t.createdAt)}</td><td>{t.type}</td><td class={t.amount < 0 ? "bad" : "ok"}>{t.amount > 0 ? "+" : ""}{t.amount}</td><td>{t.balanceAfter}</td><td>{t.description}</td></tr>))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useState } from "preact/hooks";
import { api, formatTime } from "../api.js";
import { PriceList } from "../pricing.jsx";

const PAYMENT_POLL_MS = 5000;
const FINAL = ["finished", "failed", "expired", "refunded"];
const PAGE_SIZE = 50;
// The ledger's transaction types in words (the API's codes stay in the filter's values).
export const TRANSACTION_TYPES = {
  daily_grant: "Daily free credits",
  purchase: "Purchase",
  solve_charge: "Solve",
  refund: "Refund",
  adjustment: "Adjustment",
};
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
  const [nextCursor, setNextCursor] = useState(null);
  const [balance, setBalance] = useState(null);
  const [pricing, setPricing] = useState(null);
  const [type, setType] = useState("");
  const [error, setError] = useState(null);

  useEffect(() => {
    api("/api/billing/packages").then(setPackages).catch((e) => setError(e.message));
    api("/api/billing/balance").then(setBalance).catch((e) => setError(e.message));
    api("/api/billing/pricing").then(setPricing).catch((e) => setError(e.message));
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
  const loadTransactions = (cursor) => {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (type) q.set("type", type);
    if (cursor) q.set("cursor", cursor);
    return api("/api/billing/transactions?" + q).then((r) => {
      setTransactions((known) => (cursor ? [...known, ...r.items] : r.items));
      setNextCursor(r.nextCursor);
    }).catch((e) => setError(e.message));
  };
  useEffect(() => { loadTransactions(null); }, [type]);

  const stripe = (packageId) => api("/api/billing/checkout/stripe", { method: "POST", body: { packageId } })
    .then((checkout) => { location.href = checkout.url; }).catch((e) => setError(e.message));
  const crypto = (packageId) => api("/api/billing/checkout/crypto", { method: "POST", body: { packageId, currency } })
    .then(setPayment).catch((e) => setError(e.message));

  return (
    <section>
      <h1>Credits</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="tiles">
        <div class="card tile"><span class="label">Balance</span><strong data-testid="credits-balance">{balance ? balance.credits.toLocaleString() : "…"}</strong>
          <span class="muted">credits{balance?.heldCredits ? `, ${balance.heldCredits} held by solves in flight` : ""}</span></div>
      </div>
      {pricing && <PriceList pricing={pricing} />}
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
      <label>Type <select value={type} onChange={(e) => setType(e.target.value)} name="transaction-type">
        <option value="">all</option>{Object.entries(TRANSACTION_TYPES).map(([code, label]) => <option value={code}>{label}</option>)}
      </select></label>
      {transactions == null ? <p class="muted">Loading…</p> : transactions.length === 0 ? <p class="empty">No transactions yet. Claim your daily credits on the overview.</p> : (
        <table class="stack" data-testid="transactions">
          <thead><tr><th>When</th><th>Type</th><th>Amount</th><th>Balance after</th><th>Description</th></tr></thead>
          <tbody>{transactions.map((t) => (
            <tr><td data-label="When">{formatTime(t.createdAt)}</td><td data-label="Type" title={t.type}>{TRANSACTION_TYPES[t.type] ?? t.type}</td>
              <td data-label="Amount" class={t.amount < 0 ? "bad" : "ok"}>{t.amount > 0 ? "+" : ""}{t.amount}</td>
              <td data-label="Balance after">{t.balanceAfter}</td><td data-label="Description">{t.description}</td></tr>))}
          </tbody>
        </table>
      )}
      {nextCursor && <button class="secondary" onClick={() => loadTransactions(nextCursor)} data-testid="more-transactions">Show older transactions</button>}
    </section>
  );
}

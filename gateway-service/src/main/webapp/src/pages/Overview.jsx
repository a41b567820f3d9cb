import { useEffect, useRef, useState } from "preact/hooks";
import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip } from "chart.js";
import { api, follow, formatMs } from "../api.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

const HOUR = 3600 * 1000;
const HISTORY_PAGES = 10;

function Countdown({ until }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, new Date(until).getTime() - now);
  const h = Math.floor(left / HOUR), m = Math.floor((left % HOUR) / 60000), s = Math.floor((left % 60000) / 1000);
  return <span data-testid="next-claim">{`${h}h ${String(m).padStart(2, "0")}m ${String(s).padStart(2, "0")}s`}</span>;
}

/** The last 24 hours of solves, per hour: count, success rate and average latency. */
async function lastDay() {
  const since = new Date(Date.now() - 24 * HOUR);
  const items = [];
  let cursor = null;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const q = new URLSearchParams({ limit: "100", from: since.toISOString() });
    if (cursor) q.set("cursor", cursor);
    const result = await api("/api/solve/history?" + q);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  const start = Math.floor(since.getTime() / HOUR) * HOUR;
  const hours = Array.from({ length: 25 }, (_, i) => ({ at: start + i * HOUR, total: 0, solved: 0, elapsed: 0, timed: 0 }));
  for (const item of items) {
    const bucket = hours[Math.floor((new Date(item.createdAt).getTime() - start) / HOUR)];
    if (!bucket) continue;
    bucket.total++;
    if (item.status === "solved") bucket.solved++;
    if (item.elapsedMs != null) { bucket.elapsed += item.elapsedMs; bucket.timed++; }
  }
  return hours;
}

function HourlyChart({ hours, label, value, type, testId }) {
  const canvas = useRef(null);
  useEffect(() => {
    const chart = new Chart(canvas.current, {
      type,
      data: {
        labels: hours.map((h) => new Date(h.at).getHours() + ":00"),
        datasets: [{ label, data: hours.map(value), backgroundColor: "#3b82f6", borderColor: "#3b82f6", spanGaps: true }],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
    });
    return () => chart.destroy();
  }, [hours]);
  return (
    <figure class="card chart" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div class="canvas"><canvas ref={canvas} /></div>
    </figure>
  );
}

export function Overview() {
  const [figures, setFigures] = useState(null);
  const [balance, setBalance] = useState(null);
  const [hours, setHours] = useState(null);
  const [message, setMessage] = useState(null);

  const loadBalance = () => api("/api/billing/balance").then(setBalance).catch((e) => setMessage(e.message));
  useEffect(() => {
    loadBalance();
    lastDay().then(setHours).catch((e) => setMessage(e.message));
    return follow("/api/stream/dashboard", "dashboard", setFigures);
  }, []);

  const claim = async () => {
    try {
      const result = await api("/api/billing/daily-claim", { method: "POST" });
      setMessage(`${result.credited} free credits added.`);
    } catch (e) {
      setMessage(e.message);
    }
    loadBalance();
  };

  const credits = figures?.balance ?? balance?.credits;
  return (
    <section>
      <h1>Overview</h1>
      {message && <p class="notice" role="status">{message}</p>}
      <div class="tiles">
        <div class="card tile"><span class="label">Balance</span><strong data-testid="balance">{credits ?? "…"}</strong><span class="muted">credits</span></div>
        <div class="card tile"><span class="label">Solves today</span><strong data-testid="solves-today">{figures?.solvesToday ?? "…"}</strong></div>
        <div class="card tile"><span class="label">Success (24 h)</span><strong>{figures?.successRate24h == null ? "—" : Math.round(figures.successRate24h * 100) + " %"}</strong></div>
        <div class="card tile"><span class="label">Avg latency (24 h)</span><strong>{formatMs(figures?.avgElapsedMs24h)}</strong></div>
        <div class="card tile"><span class="label">In flight</span><strong>{figures?.inFlight ?? "…"}</strong></div>
      </div>
      <div class="card claim">
        <h2>Daily free credits</h2>
        {balance == null ? <p>…</p> : balance.dailyClaimAvailable ? (
          <button onClick={claim} data-testid="claim">Claim today's credits</button>
        ) : (
          <p>Claimed today. Next claim in <Countdown until={balance.nextDailyClaimAt} />.</p>
        )}
      </div>
      <h2>Last 24 hours</h2>
      {hours == null ? <p class="muted">Loading charts…</p> : hours.every((h) => h.total === 0) ? (
        <p class="empty">No solves in the last 24 hours yet. Create an API key and submit one — it will show up here.</p>
      ) : (
        <div class="charts">
          <HourlyChart hours={hours} type="bar" label="Solves per hour" value={(h) => h.total} testId="chart-solves" />
          <HourlyChart hours={hours} type="line" label="Success rate (%)" value={(h) => (h.total ? Math.round((100 * h.solved) / h.total) : null)} testId="chart-success" />
          <HourlyChart hours={hours} type="line" label="Average latency (ms)" value={(h) => (h.timed ? Math.round(h.elapsed / h.timed) : null)} testId="chart-latency" />
        </div>
      )}
    </section>
  );
}

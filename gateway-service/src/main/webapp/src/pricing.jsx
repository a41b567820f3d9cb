// The public price list (GET /api/billing/pricing), shown on the dashboard's Credits page and in the docs.

const SOLVE_TYPES = { turnstile: "Cloudflare Turnstile", geetest: "Geetest v4", interstitial: "WAF / interstitial page" };

/** What each solve costs, the daily grant and the packages: GET /api/billing/pricing (public). */
export function PriceList({ pricing, packages = false }) {
  const table = (
    <table class="prices" data-testid="pricing">
      <caption>Prices</caption>
      <thead><tr><th scope="col">Solve type</th><th scope="col">Credits per successful solve</th></tr></thead>
      <tbody>{pricing.solves.map((p) => (
        <tr data-testid={"price-" + p.type}><td>{SOLVE_TYPES[p.type] ?? p.type}</td><td>{p.credits}</td></tr>))}
      </tbody>
      <tfoot><tr><td colSpan={2}>Failed solves and test-mode keys cost nothing. Every account may claim {pricing.dailyGrant.credits} free
        credits once per UTC day.</td></tr></tfoot>
    </table>
  );
  if (!packages) return table;
  return (
    <div>
      {table}
      <table class="prices" data-testid="packages">
        <caption>Credit packages</caption>
        <thead><tr><th scope="col">Credits</th><th scope="col">Price (USD)</th></tr></thead>
        <tbody>{pricing.packages.map((p) => (
          <tr data-testid={"package-" + p.id}><td>{p.credits.toLocaleString()}</td><td>${p.priceUsd}</td></tr>))}
        </tbody>
      </table>
    </div>
  );
}

// Writes the demo's reference.csv and current.csv: a small customer-churn table. current.csv has a
// few injected contract violations and one drifted column (income), so the demo shows real findings.
// Deterministic: run `node examples/data/generate.mjs` to rebuild the same files.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r) {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const REGIONS = ["north", "south", "east", "west"];
const PLANS = ["monthly", "annual", "two-year"];

function rows(seed, n, firstId, incomeShift) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = `C${String(firstId + i).padStart(6, "0")}`;
    const age = 18 + Math.floor(r() * 62);
    const income = r() < 0.02 ? "" : Math.round(Math.exp(10.6 + 0.45 * normal(r)) * incomeShift);
    const score = Math.max(300, Math.min(850, Math.round(650 + 80 * normal(r))));
    const products = 1 + Math.floor(r() * r() * 4);
    const region = REGIONS[Math.floor(r() * REGIONS.length)];
    const plan = PLANS[Math.min(2, Math.floor(r() * r() * 3.6))];
    const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(r() * 1800) * 86400000).toISOString().slice(0, 10);
    const churnP = 1 / (1 + Math.exp(-(-1.6 + (plan === "monthly" ? 0.9 : -0.4) - (score - 650) / 200)));
    const churned = r() < churnP ? 1 : 0;
    out.push([id, age, income, score, products, region, plan, day, `${id.toLowerCase()}@example.com`, churned]);
  }
  return out;
}

const header = ["customer_id", "age", "income", "credit_score", "num_products", "region", "plan", "signup_date", "email", "churned"];
const csv = (data) => [header, ...data].map((row) => row.join(",")).join("\n") + "\n";

writeFileSync(path.join(here, "reference.csv"), csv(rows(7, 2000, 1, 1)));

const current = rows(11, 2000, 100001, 1.35);
current[41][1] = -3; // age below the contract's min
current[977][1] = 240; // age above max
current[512][5] = "Nort"; // region outside the allowed values
current[1500][8] = "not-an-email"; // email fails the regex
current[1733][0] = current[1732][0]; // repeated customer_id
writeFileSync(path.join(here, "current.csv"), csv(current));

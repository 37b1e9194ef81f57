// Rows of bench/run.js: every implementation's warm and cold p50/p90 in the case's unit, the ratio of
// our speed to the best peer's, and each figure as a fraction of the machine's limit.
import { stats } from './measure.js';

/** p50/p90 of samples in the case's unit; for a throughput the p90 is the slow tail's figure. */
export function summarize(c, samples) {
  const f = (st) => st && { p50: c.work(st.p50), p90: c.work(st.p90), n: st.n };
  return { warm: f(stats(samples.warm)), cold: f(stats(samples.cold)) };
}

/** Our speed over `other`'s (above 1: we are faster), for one statistic. */
function speedRatio(c, ours, other) {
  return c.lowerIsBetter ? other / ours : ours / other;
}

/** The peer with the best warm p50, and our speed ratio to it, warm and cold (p50). */
export function versusBest(c, results) {
  let best = null;
  for (const [name, r] of Object.entries(results)) {
    if (name === 'tensorshell' || !r.warm) continue;
    if (!best || speedRatio(c, r.warm.p50, results[best].warm.p50) > 1) best = name;
  }
  if (!best || !results.tensorshell?.warm) return null;
  const ours = results.tensorshell;
  const peer = results[best];
  return {
    best,
    warm: speedRatio(c, ours.warm.p50, peer.warm.p50),
    cold: ours.cold && peer.cold ? speedRatio(c, ours.cold.p50, peer.cold.p50) : null,
  };
}

/** The machine limit a case's unit is measured against, or null. */
export function limitOf(c, limits) {
  if (c.limit === 'fma') return { name: `FMA peak (${limits.fmaUnit}, all threads)`, value: limits.fmaGflops.all };
  if (c.limit) return { name: `STREAM ${c.limit} (all threads)`, value: limits.streamGBps[c.limit].all };
  return null;
}

export function fmt(v) {
  if (v === null || v === undefined) return '—';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

/** Lines for one case: a header, one line per implementation, the ratio line. */
export function caseLines(c, results, vs, limit) {
  const head = `${c.name} (${c.unit}, ${c.lowerIsBetter ? 'lower' : 'higher'} is better)`;
  const lines = [`${head.padEnd(44)} warm p50     p90 │ cold p50     p90${limit ? ' │ warm p50 of limit' : ''}`];
  for (const [name, r] of Object.entries(results)) {
    if (r.error) {
      lines.push(`  ${name.padEnd(40)} error: ${r.error}`);
      continue;
    }
    const share = limit && r.warm && !c.lowerIsBetter ? ` │ ${(r.warm.p50 / limit.value).toFixed(2)}` : '';
    lines.push(`  ${name.padEnd(40)} ${fmt(r.warm?.p50).padStart(8)} ${fmt(r.warm?.p90).padStart(7)} │ ` +
      `${fmt(r.cold?.p50).padStart(8)} ${fmt(r.cold?.p90).padStart(7)}${share}`);
  }
  if (vs) lines.push(`  → us/best: warm ${fmt(vs.warm)}×, cold ${fmt(vs.cold)}× (best warm peer: ${vs.best})`);
  return lines;
}

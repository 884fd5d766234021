// Reads the Prometheus text format and derives rates and quantiles between two samples.

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = {};
    for (const [, k, v] of (m[2] || '').matchAll(LABEL)) labels[k] = v;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { at: Date.now(), samples };
}

const key = s => `${s.name}${JSON.stringify(s.labels)}`;

export function sum(snapshot, filter) {
  return snapshot.samples.filter(filter).filter(s => Number.isFinite(s.value)).reduce((a, s) => a + s.value, 0);
}

/** Per-second increase of the matching counters between two snapshots. */
export function rate(now, before, filter, seconds) {
  if (!before || seconds <= 0) return 0;
  return Math.max(0, sum(now, filter) - sum(before, filter)) / seconds;
}

/**
 * The q-quantile of a histogram (its _bucket series), over the window between the two
 * snapshots when there is one: buckets are summed over every series, then interpolated
 * as Prometheus's histogram_quantile does.
 */
export function quantile(now, before, filter, q) {
  const totals = new Map();
  const old = new Map((before ? before.samples.filter(filter) : []).map(s => [key(s), s.value]));
  for (const s of now.samples.filter(filter)) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    totals.set(le, (totals.get(le) || 0) + s.value - (old.get(key(s)) || 0));
  }
  const bounds = [...totals.keys()].sort((a, b) => a - b);
  const count = totals.get(Infinity) || 0;
  if (!count) return NaN;
  const rank = q * count;
  let lower = 0, below = 0;
  for (const le of bounds) {
    const c = totals.get(le);
    if (c >= rank) {
      if (le === Infinity) return lower;
      return lower + (le - lower) * ((rank - below) / Math.max(1e-9, c - below));
    }
    lower = le; below = c;
  }
  return NaN;
}

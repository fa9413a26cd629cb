// The benchmarks' one set of summary statistics (every bench/*.mjs imports it; tests never
// import bench/). Samples are numbers in any order; values that are not finite numbers
// (a failed run's null) are left out.

/** The finite numbers of `xs`, ascending (a new array). */
export function sorted(xs) {
  return xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
}

/** The median (the mean of the two middle samples for an even count); null without samples. */
export function median(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Nearest rank: the smallest sample with at least a fraction `q` of the samples at or below
 * it; null without samples.
 */
export function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return null;
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
}

/** `{n, median, p95, min, max}` of the samples; null without samples. */
export function stats(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  return { n: s.length, median: median(s), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1] };
}

/** A small seeded PRNG (sfc32), so two runs at one scale build the same shape of data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly tables = new WeakMap<object, { entries: [string, number][]; total: number }>();

  constructor(seed: string) {
    // xmur3 of the seed string gives the four words of state.
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** One key of `weights`, drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let cached = this.tables.get(weights);
    if (!cached) {
      const entries: [string, number][] = Object.entries<number>(weights);
      cached = { entries, total: entries.reduce((s, [, w]) => s + w, 0) };
      this.tables.set(weights, cached);
    }
    const entries = cached.entries as [K, number][];
    const total = cached.total;
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}

/**
 * Splits `total` into integers proportional to `weights` (floors, then the
 * remainder one by one to random slots with a positive weight).
 */
export function apportion(total: number, weights: ArrayLike<number>, rng: Rng): Int32Array {
  const out = new Int32Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i];
  if (sum <= 0 || total <= 0) return out;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    out[i] = Math.floor((total * weights[i]) / sum);
    given += out[i];
  }
  const positive: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) positive.push(i);
  while (given < total) {
    out[positive[rng.int(positive.length)]]++;
    given++;
  }
  return out;
}

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence in 0..1. The
 * research signals draw their fixed projections and generated zeta ordinates from it, so every run
 * (and every process) builds the same basis.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw from two uniform draws (Box-Muller). */
export function gaussian(random: () => number): number {
  const u = 1 - random(); // in (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

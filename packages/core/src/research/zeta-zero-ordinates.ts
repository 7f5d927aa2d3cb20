import { createSeededRandom, gaussian } from './create-seeded-random.js';

/** Imaginary parts of the first ten non-trivial zeros of the Riemann zeta function (to 6 decimals). */
export const FIRST_ZETA_ZERO_ORDINATES: readonly number[] = Object.freeze([
  14.134725, 21.02204, 25.010858, 30.424876, 32.935062, 37.586178, 40.918719, 43.327073, 48.005151, 49.773832,
]);

/** The seed the ordinates past the tenth are generated from. */
export const ZETA_ORDINATE_SEED = 0x7a657461;

// Wigner's surmise for the GUE, p(s) = (32/pi^2) s^2 exp(-4 s^2 / pi), is a chi distribution with
// three degrees of freedom scaled by sqrt(pi/8): its mean spacing is exactly 1.
const GUE_SCALE = Math.sqrt(Math.PI / 8);

/**
 * The first `count` zeta-zero ordinates: the ten known ones exactly, then ordinates continued with
 * GUE-like spacing (unit-mean Wigner-surmise spacings scaled by the mean gap 2pi / ln(t / 2pi) at
 * height t) from a fixed seed, so the same count always gives the same list.
 */
export function zetaZeroOrdinates(count: number, seed: number = ZETA_ORDINATE_SEED): number[] {
  const ordinates = FIRST_ZETA_ZERO_ORDINATES.slice(0, count);
  const random = createSeededRandom(seed);
  while (ordinates.length < count) {
    const last = ordinates[ordinates.length - 1]!;
    const spacing = GUE_SCALE * Math.hypot(gaussian(random), gaussian(random), gaussian(random));
    ordinates.push(last + (spacing * 2 * Math.PI) / Math.log(last / (2 * Math.PI)));
  }
  return ordinates;
}

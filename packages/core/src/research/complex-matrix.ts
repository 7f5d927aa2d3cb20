/** A square complex matrix, row-major, real and imaginary parts apart (`re[i * size + j]`). */
export interface ComplexMatrix {
  readonly size: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Inverts a complex matrix by Gauss-Jordan elimination with partial pivoting; returns null when it is singular. */
export function invertComplexMatrix(matrix: ComplexMatrix): ComplexMatrix | null {
  const { size } = matrix;
  const re = Float64Array.from(matrix.re);
  const im = Float64Array.from(matrix.im);
  const inverseRe = new Float64Array(size * size);
  const inverseIm = new Float64Array(size * size);
  for (let i = 0; i < size; i++) inverseRe[i * size + i] = 1;
  for (let column = 0; column < size; column++) {
    let pivot = column;
    let pivotNorm = 0;
    for (let row = column; row < size; row++) {
      const norm = re[row * size + column]! ** 2 + im[row * size + column]! ** 2;
      if (norm > pivotNorm) [pivot, pivotNorm] = [row, norm];
    }
    if (!(pivotNorm > 0)) return null;
    if (pivot !== column) for (const array of [re, im, inverseRe, inverseIm]) swapRows(array, size, pivot, column);
    // Scale the pivot row by 1 / pivot.
    const scaleRe = re[column * size + column]! / pivotNorm;
    const scaleIm = -im[column * size + column]! / pivotNorm;
    scaleRow(re, im, size, column, scaleRe, scaleIm);
    scaleRow(inverseRe, inverseIm, size, column, scaleRe, scaleIm);
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factorRe = re[row * size + column]!;
      const factorIm = im[row * size + column]!;
      if (factorRe === 0 && factorIm === 0) continue;
      subtractRow(re, im, size, row, column, factorRe, factorIm);
      subtractRow(inverseRe, inverseIm, size, row, column, factorRe, factorIm);
    }
  }
  return { size, re: inverseRe, im: inverseIm };
}

/** The product of two complex matrices of one size. */
export function multiplyComplexMatrices(left: ComplexMatrix, right: ComplexMatrix): ComplexMatrix {
  const { size } = left;
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const aRe = left.re[i * size + k]!;
      const aIm = left.im[i * size + k]!;
      if (aRe === 0 && aIm === 0) continue;
      for (let j = 0; j < size; j++) {
        const bRe = right.re[k * size + j]!;
        const bIm = right.im[k * size + j]!;
        re[i * size + j]! += aRe * bRe - aIm * bIm;
        im[i * size + j]! += aRe * bIm + aIm * bRe;
      }
    }
  }
  return { size, re, im };
}

/** A real matrix (row-major) as a complex one. */
export function complexFromReal(size: number, values: ArrayLike<number>): ComplexMatrix {
  return { size, re: Float64Array.from(values), im: new Float64Array(size * size) };
}

function swapRows(array: Float64Array, size: number, a: number, b: number): void {
  for (let j = 0; j < size; j++)
    [array[a * size + j], array[b * size + j]] = [array[b * size + j]!, array[a * size + j]!];
}

function scaleRow(
  re: Float64Array,
  im: Float64Array,
  size: number,
  row: number,
  scaleRe: number,
  scaleIm: number,
): void {
  for (let j = 0; j < size; j++) {
    const valueRe = re[row * size + j]!;
    const valueIm = im[row * size + j]!;
    re[row * size + j] = valueRe * scaleRe - valueIm * scaleIm;
    im[row * size + j] = valueRe * scaleIm + valueIm * scaleRe;
  }
}

/** row -= factor * source. */
function subtractRow(
  re: Float64Array,
  im: Float64Array,
  size: number,
  row: number,
  source: number,
  factorRe: number,
  factorIm: number,
): void {
  for (let j = 0; j < size; j++) {
    const sourceRe = re[source * size + j]!;
    const sourceIm = im[source * size + j]!;
    re[row * size + j]! -= factorRe * sourceRe - factorIm * sourceIm;
    im[row * size + j]! -= factorRe * sourceIm + factorIm * sourceRe;
  }
}

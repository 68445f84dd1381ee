/**
 * Linear-interpolated quantile (type 7, as in R and simple-statistics) of `zeros` zero values
 * and the positive `values` (unsorted; reordered in place). Only the two order statistics
 * around the position are needed, and selecting them is O(n), where sorting the benchmark's
 * ~1M waits took ~70 ms.
 */
export function quantile(zeros: number, values: Float64Array, p: number): number {
  const n = zeros + values.length;
  if (n === 0) return 0;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  let low: number;
  let high: number;
  if (below < zeros) {
    low = 0;
    // `above` is at most `zeros`, the place of the smallest positive value.
    high = above < zeros ? 0 : smallest(values, 0);
  } else {
    const k = below - zeros;
    selectInPlace(values, k);
    low = values[k]!;
    // After the selection every value past `k` is ≥ low: the next order statistic is their minimum.
    high = above === below ? low : smallest(values, k + 1);
  }
  return low + (high - low) * (position - below);
}

/** The smallest of `values[from…]` (not empty). */
function smallest(values: Float64Array, from: number): number {
  let min = values[from]!;
  for (let i = from + 1; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}

/**
 * Hoare's selection (quickselect, median-of-three pivot): afterwards `values[k]` is the value
 * a sort would put there, with no larger value before it and no smaller one after it.
 */
function selectInPlace(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Order values[left] ≤ values[middle] ≤ values[right]; the median is the pivot.
    if (values[middle]! < values[left]!) swap(values, middle, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[middle]!) swap(values, right, middle);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] ≤ pivot ≤ values[i..right], and anything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]!;
  values[a] = values[b]!;
  values[b] = t;
}

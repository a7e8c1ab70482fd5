import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from './qr-matrix';

/** Paints the path's rectangles back into a grid, to compare with the encoder's modules. */
function paint(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) (grid[Number(y)] as boolean[])[Number(x) + i] = true;
  }
  return grid;
}

describe('qrMatrix', () => {
  it('draws exactly the dark modules of the code, with a 4-module quiet zone', () => {
    const text = 'https://pay.example/cashier?trade=2026120612345678';
    const { size, path } = qrMatrix(text);
    const reference = encode(text, { ecc: 'M', border: 4 });
    expect(size).toBe(reference.size);
    expect(paint(path, size)).toEqual(reference.data);
    // The quiet zone is light all round.
    const grid = paint(path, size);
    for (let i = 0; i < size; i++) {
      for (const edge of [0, 1, 2, 3, size - 1, size - 2, size - 3, size - 4]) {
        expect(grid[edge]?.[i]).toBe(false);
        expect(grid[i]?.[edge]).toBe(false);
      }
    }
  });

  it('grows with the text (an Alipay qr_code link fits a small version)', () => {
    expect(qrMatrix('https://qr.alipay.com/bax08431ufbsbfdhmv6m0000').size).toBeLessThan(
      qrMatrix(`https://pay.example/${'x'.repeat(300)}`).size,
    );
  });
});

import { encode } from 'uqr';

export interface QrMatrix {
  /** Modules per side, the 4-module quiet zone included. */
  size: number;
  /** One SVG path drawing every dark module as a unit square. */
  path: string;
}

/**
 * A QR code for a payment link or code, as an SVG path (no innerHTML: the console draws it as a
 * React <path>). Error correction M, so a phone still reads it off a slightly blurred screen; a
 * 4-module quiet zone, which the QR standard asks for and scanners rely on.
 */
export function qrMatrix(text: string): QrMatrix {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    const row = data[y] ?? [];
    // Runs of dark modules become one rectangle each: a few hundred path commands, not thousands.
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      parts.push(`M${x} ${y}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return { size, path: parts.join('') };
}

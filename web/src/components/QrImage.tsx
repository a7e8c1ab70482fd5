import { useMemo } from 'react';
import { qrMatrix } from './qr-matrix';

/** A scannable QR code of `text`: dark on white in both themes (scanners want that contrast). */
export function QrImage({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => qrMatrix(text), [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      className={className}
      data-testid="qr-image"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

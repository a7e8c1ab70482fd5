import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web console: `npm run build` writes it to `dist/web`, which the gateway serves at `/`.
 * `npm run dev:web` serves it with hot reload on :5173 and forwards the API to a gateway on :3000.
 */
const gateway = process.env.AIHUB_DEV_GATEWAY ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // ECharts alone is ~1 MB before gzip; it is loaded only by the pages that draw charts.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': gateway, '/v1': gateway },
  },
});

import { ensureConsoleBuilt } from './build-console.js';

/** Vitest global setup: the browser tests run against the built console; build it once, up front. */
export default function setup(): void {
  ensureConsoleBuilt();
}

/** Reading an input file (or `-` for standard input) and writing an output file that may hold secrets. */
import { readFileSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../store/private-files.js';

export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${path === '-' ? 'standard input' : path}: ${(error as Error).message}`);
  }
}

/** Written 0600: exported keys and redemption codes are as good as money. */
export function writePrivateOutput(path: string, text: string): void {
  writeFileSync(path, text, { mode: PRIVATE_FILE_MODE });
}

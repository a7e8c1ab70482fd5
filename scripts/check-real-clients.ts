/**
 * The real coding agents against a real AIHub: Claude Code, Codex CLI and Gemini CLI, each asked
 * one question through its own inbound API with a model of every upstream family behind it
 * (Claude, GPT, Gemini, DeepSeek), the upstreams being the project's emulators. It installs the
 * pinned client versions with npm into a cache folder (about 900 MB, once), so it is a manual
 * check (`npm run check:clients`), not part of the test suite: the test suite replays the shapes
 * these clients send (test/e2e/*-claude-code*, responses-codex, gemini-cli*), and this script
 * shows the shapes are still what the current releases send. Exit code 1 when any pair fails.
 *
 *   AIHUB_CLIENTS_DIR   where the clients are installed (default ~/.cache/aihub-real-clients)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, type Gateway, startGateway } from '../test/e2e/gateway-harness.js';

/** The releases last checked; raise them to check newer ones. */
const CLIENTS = {
  claude: '@anthropic-ai/claude-code@2.1.332',
  codex: '@openai/codex@0.171.0',
  gemini: '@google/gemini-cli@0.61.0',
} as const;

const MODELS = ['claude-sonnet-4-5', 'gpt-4.1-mini', 'gemini-2.5-flash', 'deepseek-chat'] as const;
const PROMPT = 'Say hello';
const TIMEOUT_MS = 180_000;

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function installClients(dir: string): Promise<void> {
  const marker = join(
    dir,
    `installed-${Object.values(CLIENTS)
      .join('+')
      .replace(/[^A-Za-z0-9.+-]/g, '_')}`,
  );
  if (existsSync(marker)) return;
  mkdirSync(dir, { recursive: true });
  console.log(`installing ${Object.values(CLIENTS).join(', ')} into ${dir} ...`);
  const installed = await run(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, ...Object.values(CLIENTS)],
    process.env,
    dir,
  );
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.output.slice(-2000)}`);
  writeFileSync(marker, '');
}

/** A home folder per client run: its settings point the client at AIHub, nothing else is read. */
function home(gateway: Gateway): string {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-clients-'));
  mkdirSync(join(dir, '.codex'));
  writeFileSync(
    join(dir, '.codex', 'config.toml'),
    [
      'model_provider = "aihub"',
      '[model_providers.aihub]',
      'name = "AIHub"',
      `base_url = "${gateway.baseURL}"`,
      'env_key = "AIHUB_API_KEY"',
      'wire_api = "responses"',
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, '.gemini'));
  writeFileSync(
    join(dir, '.gemini', 'settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
  );
  return dir;
}

type Check = (model: string, gateway: Gateway, bin: string, cwd: string) => Promise<string | undefined>;

/** Each client's run: undefined when it answered, else what went wrong. */
const CHECKS: Record<keyof typeof CLIENTS, Check> = {
  async claude(model, gateway, bin, cwd) {
    const env = {
      ...process.env,
      HOME: cwd,
      ANTHROPIC_BASE_URL: gateway.origin,
      ANTHROPIC_AUTH_TOKEN: ADMIN_KEY,
      ANTHROPIC_MODEL: model,
      ANTHROPIC_SMALL_FAST_MODEL: model,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    const { code, output } = await run(join(bin, 'claude'), ['-p', PROMPT, '--output-format', 'json'], env, cwd);
    // Its final JSON line; warnings (an unknown model's metadata) come before it.
    const json = output.split('\n').findLast((line) => line.startsWith('{') && line.includes('"type":"result"')) ?? '';
    try {
      const result = JSON.parse(json) as { is_error?: boolean; result?: string };
      if (code === 0 && result.is_error === false && result.result) return undefined;
    } catch {}
    return `exit ${code}: ${output.slice(-400)}`;
  },
  async codex(model, _gateway, bin, cwd) {
    const env = { ...process.env, HOME: cwd, AIHUB_API_KEY: ADMIN_KEY };
    const args = ['exec', '--skip-git-repo-check', '-m', model, PROMPT];
    const { code, output } = await run(join(bin, 'codex'), args, env, cwd);
    if (code === 0 && /tokens used/.test(output) && !/^ERROR/m.test(output)) return undefined;
    return `exit ${code}: ${output.slice(-400)}`;
  },
  async gemini(model, gateway, bin, cwd) {
    const env = {
      ...process.env,
      HOME: cwd,
      GOOGLE_GEMINI_BASE_URL: gateway.origin,
      GEMINI_API_KEY: ADMIN_KEY,
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
    };
    const { code, output } = await run(join(bin, 'gemini'), ['-m', model, '-p', PROMPT], env, cwd);
    if (code === 0 && output.includes(PROMPT)) return undefined;
    return `exit ${code}: ${output.slice(-400)}`;
  },
};

/** The emulator that serves each model: the answer must have come from it. */
function upstreamOf(gateway: Gateway, model: (typeof MODELS)[number]) {
  if (model.startsWith('claude')) return gateway.anthropic;
  if (model.startsWith('gpt')) return gateway.openai;
  if (model.startsWith('gemini')) return gateway.gemini;
  return gateway.deepseek;
}

async function main(): Promise<void> {
  const dir = process.env.AIHUB_CLIENTS_DIR ?? join(homedir(), '.cache', 'aihub-real-clients');
  await installClients(dir);
  const bin = join(dir, 'node_modules', '.bin');
  const gateway = await startGateway();
  let failures = 0;
  try {
    for (const client of Object.keys(CLIENTS) as Array<keyof typeof CLIENTS>) {
      for (const model of MODELS) {
        const upstream = upstreamOf(gateway, model);
        const before = upstream.requests.length;
        const problem =
          (await CHECKS[client](model, gateway, bin, home(gateway))) ??
          (upstream.requests.length > before ? undefined : 'the upstream of that model was never called');
        if (problem) failures += 1;
        console.log(`${problem ? 'FAIL' : 'ok  '} ${CLIENTS[client]} → ${model}${problem ? `\n     ${problem}` : ''}`);
      }
    }
  } finally {
    await gateway.close();
  }
  console.log(`${MODELS.length * Object.keys(CLIENTS).length - failures} passed, ${failures} failed`);
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();

/**
 * `aihub config check`: what is wrong with a config file and the environment, before a start fails
 * on it. Each problem names its place: `file:line:column` for the config file (YAML positions from
 * the `yaml` package's LineCounter), the variable for the environment. Checked with the same
 * schema and loaders the server uses, so what passes here starts.
 */
import { readFileSync } from 'node:fs';
import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { parseSecretKey } from '../channels/secret-box.js';
import { channelsFromConfig } from '../routing/channels-from-config.js';
import { channelsFromEnv } from '../routing/channels-from-env.js';
import { type ConfigFile, configFileSchema, expandEnv } from './config-file.js';
import { loadSettings } from './settings.js';

export interface ConfigProblem {
  severity: 'error' | 'warning';
  /** `aihub.yaml:12:5`, or `env DATABASE_URL`. */
  where: string;
  message: string;
}

export function checkConfig(options: { path?: string; env: NodeJS.ProcessEnv }): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  let file: ConfigFile | undefined;
  if (options.path) {
    const checked = checkConfigFile(options.path, options.env);
    problems.push(...checked.problems);
    file = checked.file;
  }
  problems.push(...checkEnvironment(options.env, file));
  return problems;
}

function checkConfigFile(path: string, env: NodeJS.ProcessEnv): { problems: ConfigProblem[]; file?: ConfigFile } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [{ severity: 'error', where: path, message: `Cannot read it: ${(error as Error).message}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return path;
    const { line, col } = lines.linePos(offset);
    return `${path}:${line}:${col}`;
  };
  const problems: ConfigProblem[] = [];
  for (const error of doc.errors) {
    problems.push({ severity: 'error', where: at(error.pos[0]), message: firstLine(error.message) });
  }
  for (const warning of doc.warnings) {
    problems.push({ severity: 'warning', where: at(warning.pos[0]), message: firstLine(warning.message) });
  }
  if (doc.errors.length > 0) return { problems };

  // `${VAR}` of an unset variable becomes an empty string: almost always a missing secret.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      for (const match of node.value.matchAll(/\$\{([A-Z0-9_]+)\}/gi)) {
        const name = match[1] ?? '';
        if (!env[name]) {
          problems.push({
            severity: 'warning',
            where: at(node.range?.[0]),
            message: `\${${name}} is not set in the environment: the value becomes empty.`,
          });
        }
      }
    },
  });

  const parsed = configFileSchema.safeParse(expandEnv(doc.toJS() ?? {}, env));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...issueProblems(doc, issue, at));
    return { problems };
  }
  parsed.data.channels.forEach((channel, index) => {
    try {
      channelsFromConfig([channel]);
    } catch (error) {
      problems.push({
        severity: 'error',
        where: at(nodeAt(doc, ['channels', index])?.range?.[0]),
        message: (error as Error).message,
      });
    }
  });
  const names = new Map<string, number>();
  parsed.data.channels.forEach((channel, index) => {
    const lower = channel.name.toLowerCase();
    if (names.has(lower)) {
      problems.push({
        severity: 'error',
        where: at(nodeAt(doc, ['channels', index, 'name'])?.range?.[0]),
        message: `channels[${index}].name: '${channel.name}' is already the name of channels[${names.get(lower)}].`,
      });
    } else {
      names.set(lower, index);
    }
  });
  return { problems, file: parsed.data };
}

/** A zod issue at the YAML node it is about (for an unknown key, at the key itself). */
function issueProblems(
  doc: Document,
  issue: z.core.$ZodIssue,
  at: (offset: number | undefined) => string,
): ConfigProblem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const map = nodeAt(doc, path);
    return issue.keys.map((key) => {
      const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
      const keyNode = pair?.key as Node | undefined;
      return {
        severity: 'error' as const,
        where: at(keyNode?.range?.[0] ?? map?.range?.[0]),
        message: `${pathText([...path, key])}: unknown setting (check its spelling).`,
      };
    });
  }
  // A missing key has no node: the nearest enclosing one stands for it.
  let node: Node | undefined;
  for (let depth = path.length; depth >= 0 && !node; depth -= 1) node = nodeAt(doc, path.slice(0, depth));
  return [{ severity: 'error', where: at(node?.range?.[0]), message: `${pathText(path)}: ${issue.message}` }];
}

function nodeAt(doc: Document, path: ReadonlyArray<string | number>): Node | undefined {
  if (path.length === 0) return (doc.contents as Node | null) ?? undefined;
  const node = doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
}

function pathText(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(document)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The variables the server reads, checked as it reads them. */
function checkEnvironment(env: NodeJS.ProcessEnv, file: ConfigFile | undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const error = (variable: string, message: string) =>
    problems.push({ severity: 'error', where: `env ${variable}`, message });
  const attempt = (variable: string, check: () => unknown) => {
    try {
      check();
    } catch (failure) {
      error(variable, (failure as Error).message);
    }
  };

  attempt('(settings)', () => loadSettings(env, file));
  const port = env.PORT?.trim();
  if (port && !(/^\d+$/.test(port) && Number(port) <= 65_535))
    error('PORT', `PORT must be a port number (0-65535), got '${port}'.`);

  const database = env.DATABASE_URL?.trim();
  if (database) {
    if (/^postgres(ql)?:\/\//i.test(database)) {
      attempt('DATABASE_URL', () => new URL(database));
    } else if (!database.startsWith('sqlite:')) {
      error(
        'DATABASE_URL',
        'DATABASE_URL must start with postgres://, postgresql:// or sqlite: (anything else is ignored and SQLite under the data directory is used).',
      );
    } else if (database === 'sqlite:') {
      error('DATABASE_URL', 'DATABASE_URL sqlite: needs a file path (sqlite:/var/lib/aihub/aihub.sqlite).');
    }
  }
  const schema = env.AIHUB_DATABASE_SCHEMA?.trim();
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) {
    error(
      'AIHUB_DATABASE_SCHEMA',
      `AIHUB_DATABASE_SCHEMA must be a plain identifier (letters, digits, _), got '${schema}'.`,
    );
  }
  const redis = env.REDIS_URL?.trim();
  if (redis) {
    let protocol = '';
    try {
      protocol = new URL(redis).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:')
      error('REDIS_URL', 'REDIS_URL must be a redis:// or rediss:// URL.');
  }
  if (env.AIHUB_SECRET_KEY?.trim()) attempt('AIHUB_SECRET_KEY', () => parseSecretKey(env.AIHUB_SECRET_KEY ?? ''));
  attempt('(upstream keys)', () => channelsFromEnv(env));
  if (
    env.AIHUB_ADMIN_KEY !== undefined &&
    env.AIHUB_ADMIN_KEY.trim().length > 0 &&
    env.AIHUB_ADMIN_KEY.trim().length < 16
  ) {
    problems.push({
      severity: 'warning',
      where: 'env AIHUB_ADMIN_KEY',
      message: 'AIHUB_ADMIN_KEY is shorter than 16 characters: it grants everything, make it long and random.',
    });
  }
  return problems;
}

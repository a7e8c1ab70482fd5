/**
 * `aihub channels list|export|import|test`: upstream channels. Export and import move the stored
 * (admin) channels as YAML (channels/channel-document.ts); env and config channels are declared
 * where they live and are only listed and tested here.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import {
  type ChannelImportStep,
  channelDocumentSchema,
  exportChannels,
  planChannelImport,
  storedChannelSecrets,
} from '../../channels/channel-document.js';
import { DEFAULT_TEST_CONCURRENCY, mapBounded } from '../../channels/channel-test-all.js';
import { type ChannelTestResult, testChannel } from '../../channels/channel-tester.js';
import { type ChannelView, staticChannelView } from '../../channels/channel-view.js';
import { StaticChannels } from '../../channels/static-channels.js';
import type { Channel } from '../../routing/channel.js';
import { parseDocumentText } from '../cli-document.js';
import { readInput, writePrivateOutput } from '../cli-files.js';
import { parseWhole } from '../cli-values.js';
import type { Command } from '../command-registry.js';
import { type OfflineServices, withOfflineServices } from '../offline-services.js';
import { type Column, printResult, renderTable } from '../output.js';

const CHANNEL_COLUMNS: Column<ChannelView>[] = [
  { header: 'ID', value: (channel) => channel.id },
  { header: 'NAME', value: (channel) => channel.name },
  { header: 'TYPE', value: (channel) => channel.type },
  { header: 'SOURCE', value: (channel) => channel.source },
  { header: 'STATUS', value: (channel) => channel.status },
  { header: 'PRIORITY', value: (channel) => channel.priority, align: 'right' },
  { header: 'WEIGHT', value: (channel) => channel.weight, align: 'right' },
  { header: 'KEYS', value: (channel) => channel.keys.length, align: 'right' },
  { header: 'MODELS', value: (channel) => (channel.models === null ? 'vendor default' : channel.models.join(' ')) },
  { header: 'BASE URL', value: (channel) => channel.baseUrl },
];

async function allChannelViews(services: OfflineServices): Promise<ChannelView[]> {
  const statics = services.staticChannels().map((channel) => staticChannelView(channel, undefined, () => undefined));
  return [...(await services.channels().list()), ...statics];
}

const list: Command = {
  path: ['channels', 'list'],
  summary: 'List channels: stored ones and those declared by the environment and the config file',
  async run(args, io) {
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const channels = await allChannelViews(services);
      printResult(io, args.json, channels, () => renderTable(channels, CHANNEL_COLUMNS));
      return 0;
    });
  },
};

const exportCommand: Command = {
  path: ['channels', 'export'],
  summary: 'Print the stored channels as YAML (JSON with --json); secrets redacted unless --with-secrets',
  details:
    'Redacted: keys appear as key_hints, header values as <redacted>, a proxy password as ***.\n' +
    'Importing a redacted file keeps the secrets the channels already hold.',
  options: {
    'with-secrets': { type: 'boolean', description: 'Include upstream keys, header values and proxy passwords' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE (mode 0600) instead of stdout' },
  },
  async run(args, io) {
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const document = await exportChannels(services.store.db, services.secretBox(), {
        withSecrets: args.flag('with-secrets'),
      });
      const text = args.json ? `${JSON.stringify(document, null, 2)}\n` : stringify(document);
      const output = args.string('output');
      if (output) {
        writePrivateOutput(output, text);
        io.err.write(`Wrote ${document.channels.length} channel(s) to ${output}.\n`);
      } else {
        io.out.write(text);
      }
      return 0;
    });
  },
};

interface ImportLine {
  name: string;
  action: string;
  id: string;
  keys: string;
}

const IMPORT_COLUMNS: Column<ImportLine>[] = [
  { header: 'NAME', value: (line) => line.name },
  { header: 'ACTION', value: (line) => line.action },
  { header: 'ID', value: (line) => line.id },
  { header: 'KEYS', value: (line) => line.keys },
];

const importCommand: Command = {
  path: ['channels', 'import'],
  summary: 'Create or update stored channels from a YAML or JSON file (as `channels export` writes it)',
  details:
    'Channels are matched by name: a new name is created, a known one is updated (its settings\n' +
    'replaced, listed keys added to its pool). Channels not in the file are left alone. Every entry\n' +
    'is checked before anything is written.',
  positionals: [{ name: 'FILE', description: 'The channels file, or - for standard input' }],
  options: { 'dry-run': { type: 'boolean', description: 'Show what would change and write nothing' } },
  async run(args, io) {
    const path = args.positional('FILE') ?? '';
    const parsed = channelDocumentSchema.safeParse(parseDocumentText(readInput(path), path));
    if (!parsed.success) throw new Error(`${path} is not a valid channels document:\n${z.prettifyError(parsed.error)}`);
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const reserved = new Set(services.staticChannels().map((channel) => channel.name.toLowerCase()));
      const clash = parsed.data.channels.find((entry) => reserved.has(entry.name.trim().toLowerCase()));
      if (clash) throw new Error(`'${clash.name}' is the name of an env/config channel; rename it in the file.`);
      const plan = planChannelImport(parsed.data, await storedChannelSecrets(services.store.db, services.secretBox()));
      const lines: ImportLine[] = [];
      for (const step of plan) lines.push(await applyStep(services, step, args.flag('dry-run')));
      if (!args.flag('dry-run')) await services.announce([{ kind: 'channels' }], io.err);
      printResult(io, args.json, { dryRun: args.flag('dry-run'), channels: lines }, () =>
        renderTable(lines, IMPORT_COLUMNS),
      );
      return 0;
    });
  },
};

async function applyStep(services: OfflineServices, step: ChannelImportStep, dryRun: boolean): Promise<ImportLine> {
  const store = services.channels();
  if (step.action === 'create') {
    const keys = `${step.input.keys?.length ?? 0} added`;
    if (dryRun) return { name: step.name, action: 'would create', id: '', keys };
    const created = await store.create(step.input);
    if (step.status && step.status !== 'enabled') await store.setStatus(created.id, step.status, 'imported');
    return { name: step.name, action: 'created', id: created.id, keys };
  }
  const before = (await store.get(step.id)).keys.length;
  if (dryRun) return { name: step.name, action: 'would update', id: step.id, keys: `${step.addKeys.length} listed` };
  await store.update(step.id, step.input);
  const after = step.addKeys.length > 0 ? (await store.addKeys(step.id, step.addKeys)).keys.length : before;
  const current = await store.get(step.id);
  if (step.status && step.status !== current.status) {
    await store.setStatus(step.id, step.status, step.status === 'enabled' ? null : 'imported');
  }
  return { name: step.name, action: 'updated', id: step.id, keys: `${after - before} added` };
}

const TEST_COLUMNS: Column<ChannelTestResult & { name: string }>[] = [
  { header: 'CHANNEL', value: (result) => `${result.name} (${result.channelId})` },
  { header: 'OK', value: (result) => (result.ok ? 'yes' : 'NO') },
  { header: 'MODEL', value: (result) => result.model },
  { header: 'LATENCY MS', value: (result) => Math.round(result.latencyMs), align: 'right' },
  { header: 'STATUS', value: (result) => result.status },
  { header: 'ERROR', value: (result) => (result.error ? `${result.error.kind}: ${result.error.message}` : '') },
];

const test: Command = {
  path: ['channels', 'test'],
  summary: 'Send a tiny real request through a channel (or every enabled one) and report latency and errors',
  details: 'Exits 1 when any test fails. Each result is kept for the console’s channel list.',
  positionals: [
    { name: 'CHANNEL', description: 'Channel id or name (default: every enabled channel)', optional: true },
  ],
  options: {
    model: { type: 'string', value: 'ID', description: 'The model to ask (default: the channel’s first)' },
    key: { type: 'string', value: 'KEY_ID', description: 'Test this key of the pool (default: the first enabled)' },
    timeout: { type: 'string', value: 'SECONDS', description: 'Give up after this long (default 30)' },
  },
  async run(args, io) {
    const timeout = args.string('timeout');
    const timeoutMs = timeout === undefined ? 30_000 : parseWhole(timeout, '--timeout', 1, 600) * 1000;
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const targets = await channelsToTest(services, args.positional('CHANNEL'), args.string('key'));
      const deps = await services.providerCalls();
      const model = args.string('model');
      const results = await mapBounded(targets, DEFAULT_TEST_CONCURRENCY, async (channel) => {
        const result = await testChannel(channel, { ...(model ? { model } : {}), timeoutMs, deps });
        await services.channelTestResults().record(result, services.now());
        return { ...result, name: channel.name };
      });
      printResult(io, args.json, results, () => renderTable(results, TEST_COLUMNS));
      return results.every((result) => result.ok) ? 0 : 1;
    });
  },
};

async function channelsToTest(
  services: OfflineServices,
  wanted: string | undefined,
  keyId: string | undefined,
): Promise<Channel[]> {
  const statics = new StaticChannels(services.staticChannels(), services.now);
  const store = services.channels();
  if (wanted === undefined) {
    if (keyId) throw new Error('--key needs a CHANNEL.');
    return [...(await store.loadAll()), ...statics.declared];
  }
  const lower = wanted.toLowerCase();
  const declared = statics.declared.find((channel) => channel.id === wanted || channel.name.toLowerCase() === lower);
  if (declared) return [statics.forTest(declared.id, keyId)];
  const stored = (await store.list()).find((channel) => channel.id === wanted || channel.name.toLowerCase() === lower);
  if (!stored) throw new Error(`No channel '${wanted}'. See 'aihub channels list'.`);
  return [await store.loadChannel(stored.id, keyId ? { keyId } : {})];
}

export const channelCommands: Command[] = [list, exportCommand, importCommand, test];

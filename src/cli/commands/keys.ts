/** `aihub keys create|list|revoke`: API keys, through the same service as the console and the admin API. */
import { type AdminKeyRecord, listKeysForAdmin } from '../../accounts/admin-key-query.js';
import type { ApiKeyRecord } from '../../accounts/api-key-record.js';
import { findUser, OPERATOR } from '../cli-accounts.js';
import { parseChoice, parseFuture, parseUsd, timeText, usdText } from '../cli-values.js';
import type { Command } from '../command-registry.js';
import { withOfflineServices } from '../offline-services.js';
import { type Column, printResult, renderRecord } from '../output.js';
import { PAGE_OPTIONS, parsePageWindow, printPage } from '../paged-list.js';

function keyJson(key: ApiKeyRecord & { ownerEmail?: string }) {
  return {
    id: key.id,
    userId: key.userId,
    ...(key.ownerEmail !== undefined ? { ownerEmail: key.ownerEmail } : {}),
    name: key.name,
    hint: key.hint,
    status: key.status,
    quotaUsd: key.quota === null ? null : usdText(key.quota),
    usedUsd: usdText(key.used),
    expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt).toISOString(),
    allowedModels: key.allowedModels,
    group: key.group,
    lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
    createdAt: new Date(key.createdAt).toISOString(),
  };
}

const KEY_COLUMNS: Column<AdminKeyRecord>[] = [
  { header: 'ID', value: (key) => key.id },
  { header: 'OWNER', value: (key) => key.ownerEmail },
  { header: 'NAME', value: (key) => key.name },
  { header: 'KEY', value: (key) => key.hint },
  { header: 'STATUS', value: (key) => key.status },
  { header: 'QUOTA USD', value: (key) => (key.quota === null ? 'none' : usdText(key.quota)), align: 'right' },
  { header: 'USED USD', value: (key) => usdText(key.used), align: 'right' },
  { header: 'EXPIRES', value: (key) => timeText(key.expiresAt) },
  { header: 'LAST USED', value: (key) => timeText(key.lastUsedAt) },
];

const create: Command = {
  path: ['keys', 'create'],
  summary: 'Create an API key for a user; the key is printed this once',
  positionals: [{ name: 'USER', description: 'Owner: user id or email' }],
  options: {
    name: { type: 'string', value: 'TEXT', description: 'The key’s name (required)' },
    quota: { type: 'string', value: 'USD', description: 'Spend limit in USD (default: none)' },
    expires: { type: 'string', value: 'WHEN', description: 'Expiry: a duration from now (30d, 12h) or a date' },
    model: { type: 'string', multiple: true, value: 'ID', description: 'Allow only this model id or glob' },
    group: { type: 'string', value: 'GROUP', description: 'Key group (default: the owner’s group)' },
  },
  async run(args, io) {
    const name = args.required('name');
    const quota = args.string('quota');
    const expires = args.string('expires');
    const models = args.strings('model');
    const input = {
      name,
      ...(quota !== undefined ? { quota: parseUsd(quota, '--quota') } : {}),
      ...(expires !== undefined ? { expiresAt: parseFuture(expires, '--expires', Date.now()) } : {}),
      ...(models.length > 0 ? { allowedModels: models } : {}),
      ...(args.string('group') !== undefined ? { group: args.string('group') } : {}),
    };
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const owner = await findUser(await services.users(), args.positional('USER') ?? '');
      const { key, record } = await (await services.keys()).create(OPERATOR, { ...input, userId: owner.id });
      await services.announce([{ kind: 'keys', id: record.id }], io.err);
      printResult(
        io,
        args.json,
        { ...keyJson(record), ownerEmail: owner.email, key },
        () =>
          `${renderRecord([
            ['ID', record.id],
            ['Owner', `${owner.email} (${owner.id})`],
            ['Name', record.name],
            ['Quota USD', record.quota === null ? 'none' : usdText(record.quota)],
            ['Expires', timeText(record.expiresAt)],
          ])}\nThe key (shown only this once):\n\n  ${key}\n\n`,
      );
      return 0;
    });
  },
};

const list: Command = {
  path: ['keys', 'list'],
  summary: 'List API keys (every user’s, or one user’s), newest first',
  options: {
    user: { type: 'string', value: 'USER', description: 'Only this user’s keys (id or email)' },
    status: { type: 'string', value: 'STATUS', description: 'Only enabled or disabled keys' },
    query: { type: 'string', value: 'TEXT', description: 'Part of the key name or hint, or the owner’s email' },
    ...PAGE_OPTIONS,
  },
  async run(args, io) {
    const status = args.string('status');
    const filter = {
      ...(status !== undefined ? { status: parseChoice(status, '--status', ['enabled', 'disabled'] as const) } : {}),
      ...(args.string('query') !== undefined ? { query: args.string('query') } : {}),
      ...parsePageWindow(args),
    };
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const userArg = args.string('user');
      const userId = userArg === undefined ? undefined : (await findUser(await services.users(), userArg)).id;
      const { data, total } = await listKeysForAdmin(
        services.store,
        { ...filter, ...(userId ? { userId } : {}) },
        () => undefined,
      );
      printPage(io, args, { data, total, offset: filter.offset }, { json: keyJson, columns: KEY_COLUMNS });
      return 0;
    });
  },
};

const revoke: Command = {
  path: ['keys', 'revoke'],
  summary: 'Revoke an API key: it is deleted and stops working at once',
  positionals: [{ name: 'KEY_ID', description: 'The key’s id (key_…), as `aihub keys list` shows it' }],
  async run(args, io) {
    const keyId = args.positional('KEY_ID') ?? '';
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const keys = await services.keys();
      const record = await keys.get(OPERATOR, keyId);
      await keys.delete(OPERATOR, keyId);
      await services.announce([{ kind: 'keys', id: keyId }], io.err);
      printResult(
        io,
        args.json,
        { revoked: keyJson(record) },
        () => `Revoked ${record.id} (${record.name}, ${record.hint}).\n`,
      );
      return 0;
    });
  },
};

export const keyCommands: Command[] = [create, list, revoke];

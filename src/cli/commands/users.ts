/** `aihub users create|list|set-balance|disable`: accounts, through the same services as the admin API. */
import { createUserByAdmin } from '../../accounts/admin-user-create.js';
import type { User } from '../../accounts/user-record.js';
import { setBalance } from '../../billing/balance-set.js';
import { findUser } from '../cli-accounts.js';
import { parseChoice, parseUsd, timeText, usdText } from '../cli-values.js';
import type { Command } from '../command-registry.js';
import { withOfflineServices } from '../offline-services.js';
import { type Column, printResult, renderRecord } from '../output.js';
import { PAGE_OPTIONS, parsePageWindow, printPage } from '../paged-list.js';
import { UsageError } from '../usage-error.js';

const ROLES = ['user', 'admin'] as const;
const STATUSES = ['active', 'disabled'] as const;

/** A user as the command line prints it: money as exact USD decimals. */
function userJson(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    group: user.group,
    status: user.status,
    balanceUsd: usdText(user.balance),
    reservedUsd: usdText(user.reserved),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

const USER_COLUMNS: Column<User>[] = [
  { header: 'ID', value: (user) => user.id },
  { header: 'EMAIL', value: (user) => user.email },
  { header: 'ROLE', value: (user) => user.role },
  { header: 'GROUP', value: (user) => user.group },
  { header: 'STATUS', value: (user) => user.status },
  { header: 'BALANCE USD', value: (user) => usdText(user.balance), align: 'right' },
  { header: 'HELD USD', value: (user) => usdText(user.reserved), align: 'right' },
  { header: 'CREATED', value: (user) => timeText(user.createdAt) },
];

const create: Command = {
  path: ['users', 'create'],
  summary: 'Create an account (a password is generated and shown once unless given)',
  details: 'An initial balance is credited through the ledger in the same transaction (reason: initial balance).',
  positionals: [{ name: 'EMAIL', description: 'The new account’s email address' }],
  options: {
    password: { type: 'string', value: 'TEXT', description: 'Its password (default: generated, printed once)' },
    name: { type: 'string', value: 'TEXT', description: 'Display name' },
    role: { type: 'string', value: 'ROLE', description: 'user (default) or admin' },
    group: { type: 'string', value: 'GROUP', description: 'Pricing group (default: the default group)' },
    balance: { type: 'string', value: 'USD', description: 'Initial balance in USD, e.g. 5 or 0.25' },
  },
  async run(args, io) {
    const email = args.positional('EMAIL') ?? '';
    const role = args.string('role');
    const balance = args.string('balance');
    const input = {
      email,
      ...(args.string('password') !== undefined ? { password: args.string('password') } : {}),
      ...(args.string('name') !== undefined ? { displayName: args.string('name') } : {}),
      ...(role !== undefined ? { role: parseChoice(role, '--role', ROLES) } : {}),
      ...(args.string('group') !== undefined ? { group: args.string('group') } : {}),
      ...(balance !== undefined ? { initialBalance: parseUsd(balance, '--balance') } : {}),
    };
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const live = await services.operatorSettings();
      const created = await createUserByAdmin(
        { store: services.store, defaultGroup: live.value.defaultGroup, now: services.now, newId: services.newId },
        services.actor,
        input,
      );
      const user = await (await services.users()).require(created.userId);
      const data = {
        ...userJson(user),
        ...(created.generatedPassword ? { generatedPassword: created.generatedPassword } : {}),
      };
      printResult(io, args.json, data, () => {
        const record = renderRecord([
          ['ID', user.id],
          ['Email', user.email],
          ['Role', user.role],
          ['Group', user.group],
          ['Balance USD', usdText(user.balance)],
        ]);
        return created.generatedPassword
          ? `${record}\nGenerated password (shown only this once):\n\n  ${created.generatedPassword}\n\n`
          : record;
      });
      return 0;
    });
  },
};

const list: Command = {
  path: ['users', 'list'],
  summary: 'List accounts, newest first',
  options: {
    query: { type: 'string', value: 'TEXT', description: 'Part of the email, or an exact user id' },
    role: { type: 'string', value: 'ROLE', description: 'Only user or admin accounts' },
    status: { type: 'string', value: 'STATUS', description: 'Only active or disabled accounts' },
    ...PAGE_OPTIONS,
  },
  async run(args, io) {
    const role = args.string('role');
    const status = args.string('status');
    const filter = {
      ...(args.string('query') !== undefined ? { query: args.string('query') } : {}),
      ...(role !== undefined ? { role: parseChoice(role, '--role', ROLES) } : {}),
      ...(status !== undefined ? { status: parseChoice(status, '--status', STATUSES) } : {}),
      ...parsePageWindow(args),
    };
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const { data, total } = await (await services.users()).list(filter);
      printPage(io, args, { data, total, offset: filter.offset }, { json: userJson, columns: USER_COLUMNS });
      return 0;
    });
  },
};

const setBalanceCommand: Command = {
  path: ['users', 'set-balance'],
  summary: 'Set a balance to an amount (or add to it with --add), as a ledger entry with your reason',
  details:
    'The change is one ledger entry (reason code admin_adjust) written with the balance in one transaction,\n' +
    'so `aihub ledger verify` stays clean. The user reads the reason in their billing history.',
  positionals: [
    { name: 'USER', description: 'User id or email' },
    { name: 'USD', description: 'The new balance in USD (with --add: the amount to add; negative subtracts)' },
  ],
  options: {
    reason: { type: 'string', value: 'TEXT', description: 'Why (required; the user sees it)' },
    add: { type: 'boolean', description: 'Add USD to the balance instead of setting it' },
  },
  async run(args, io) {
    const add = args.flag('add');
    const amount = parseUsd(args.positional('USD') ?? '', 'USD', { allowNegative: true });
    const reason = args.required('reason');
    if (add && amount === 0) throw new UsageError('--add needs a non-zero amount.');
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const user = await findUser(await services.users(), args.positional('USER') ?? '');
      let result: { before: number; after: number; entryId?: string };
      if (add) {
        const done = await (await services.ledger()).adjustBalance(services.actor, user.id, amount, reason);
        result = { before: done.balanceAfter - amount, after: done.balanceAfter, entryId: done.entryId };
      } else {
        result = await setBalance(
          services.store,
          { userId: user.id, target: amount, note: reason, by: services.actor },
          services,
        );
      }
      const data = {
        userId: user.id,
        email: user.email,
        beforeUsd: usdText(result.before),
        afterUsd: usdText(result.after),
        changeUsd: usdText(result.after - result.before),
        ledgerEntryId: result.entryId ?? null,
      };
      printResult(io, args.json, data, () =>
        result.entryId
          ? renderRecord([
              ['User', `${user.id} (${user.email})`],
              ['Before USD', usdText(result.before)],
              ['After USD', usdText(result.after)],
              ['Ledger entry', result.entryId],
            ])
          : `The balance of ${user.email} is already ${usdText(result.after)} USD; nothing was written.\n`,
      );
      return 0;
    });
  },
};

const disable: Command = {
  path: ['users', 'disable'],
  summary: 'Disable an account (its keys stop working; --enable turns it back on)',
  positionals: [{ name: 'USER', description: 'User id or email' }],
  options: { enable: { type: 'boolean', description: 'Enable the account again instead' } },
  async run(args, io) {
    const status = args.flag('enable') ? 'active' : 'disabled';
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const users = await services.users();
      const user = await findUser(users, args.positional('USER') ?? '');
      const updated = await users.update(user.id, { status });
      await services.announce([{ kind: 'user', id: user.id }], io.err);
      printResult(
        io,
        args.json,
        userJson(updated),
        () => `${updated.email} (${updated.id}) is now ${updated.status}.\n`,
      );
      return 0;
    });
  },
};

export const userCommands: Command[] = [create, list, setBalanceCommand, disable];

import type { ProviderCallDeps } from '../relay/provider-call.js';
import type { Channel } from '../routing/channel.js';
import { lookup, malformed, type UpstreamLookup, upstreamGetJson } from './upstream-get.js';

/** What is left on the upstream account, in the vendor's currency (as a decimal number: for display only). */
export interface UpstreamBalance {
  /** ISO 4217 code: `USD`, `CNY`. */
  currency: string;
  remaining: number;
}

interface BalanceReader {
  /** The balance URL from the channel's effective base URL. */
  url: (baseUrl: string) => string;
  read: (body: unknown, baseUrl: string) => UpstreamBalance[];
}

/**
 * Vendors that expose the account's balance to its API key, by channel type. Shapes as the
 * vendors document them:
 * - OpenRouter `GET /api/v1/credits`: `{data:{total_credits,total_usage}}` (USD);
 * - DeepSeek `GET /user/balance`: `{is_available, balance_infos:[{currency,total_balance}]}` (strings);
 * - Moonshot `GET /v1/users/me/balance`: `{data:{available_balance,voucher_balance,cash_balance}}` (CNY);
 * - SiliconFlow `GET /v1/user/info`: `{code:20000, status:true, data:{balance,chargeBalance,totalBalance}}`,
 *   amounts as strings; `totalBalance` (granted `balance` + paid `chargeBalance`) is what is left.
 *   CNY on the China site (api.siliconflow.cn), USD on the international one (api.siliconflow.com).
 */
const READERS: Record<string, BalanceReader> = {
  openrouter: {
    url: (base) => `${base}/credits`,
    read: (body) => {
      const data = record(record(body).data);
      const total = Number(data.total_credits);
      const used = Number(data.total_usage);
      if (!Number.isFinite(total) || !Number.isFinite(used)) throw malformed('credits');
      return [{ currency: 'USD', remaining: round(total - used) }];
    },
  },
  deepseek: {
    url: (base) => `${base.replace(/\/v1$/, '')}/user/balance`,
    read: (body) => {
      const infos = record(body).balance_infos;
      if (!Array.isArray(infos)) throw malformed('balance');
      return infos.map((info) => {
        const entry = record(info);
        const remaining = Number(entry.total_balance);
        if (typeof entry.currency !== 'string' || !Number.isFinite(remaining)) throw malformed('balance');
        return { currency: entry.currency, remaining: round(remaining) };
      });
    },
  },
  moonshot: {
    url: (base) => `${base}/users/me/balance`,
    read: (body) => {
      const remaining = Number(record(record(body).data).available_balance);
      if (!Number.isFinite(remaining)) throw malformed('balance');
      return [{ currency: 'CNY', remaining: round(remaining) }];
    },
  },
  siliconflow: {
    url: (base) => `${base}/user/info`,
    read: (body, baseUrl) => {
      const answer = record(body);
      if (answer.status === false) throw malformed('user info');
      const remaining = Number(record(answer.data).totalBalance);
      if (!Number.isFinite(remaining)) throw malformed('user info');
      return [{ currency: siliconFlowCurrency(baseUrl), remaining: round(remaining) }];
    },
  },
};

/** SiliconFlow's international site bills in USD; the China site (the default) and any proxy in CNY. */
export function siliconFlowCurrency(baseUrl: string): 'USD' | 'CNY' {
  try {
    return /(^|\.)siliconflow\.com$/i.test(new URL(baseUrl).hostname) ? 'USD' : 'CNY';
  } catch {
    return 'CNY';
  }
}

/** Channel types whose balance can be asked for. */
export function balanceAvailable(type: string): boolean {
  return Object.hasOwn(READERS, type);
}

/** The upstream's balance, or undefined for a vendor that does not expose one. */
export async function fetchUpstreamBalance(
  channel: Channel,
  deps: Pick<ProviderCallDeps, 'providers'>,
  signal?: AbortSignal,
): Promise<UpstreamLookup<UpstreamBalance[]> | undefined> {
  const reader = READERS[channel.vendor];
  if (!reader) return undefined;
  const baseUrl = channel.baseUrl.replace(/\/+$/, '');
  return lookup(channel, async () =>
    reader.read(await upstreamGetJson(channel, reader.url(baseUrl), deps, signal), baseUrl),
  );
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Cents and below are noise on a balance shown to an operator; 1e-4 keeps sub-cent credit visible. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

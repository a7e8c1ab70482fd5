/**
 * Balance answers as the vendors document them, for the OpenAI-compatible emulator's `jsonGets`
 * (keyed by the path the vendor serves them on, with the emulator's default `/v1` base path).
 */

/** OpenRouter `GET /api/v1/credits` (base path `/api/v1`): total bought and total used, in USD. */
export function openRouterCredits(totalCredits: number, totalUsage: number) {
  return { '/api/v1/credits': { data: { total_credits: totalCredits, total_usage: totalUsage } } };
}

/** DeepSeek `GET /user/balance` (host root; the channel's base URL ends in `/v1`): amounts as strings. */
export function deepSeekBalance(total: string, currency = 'CNY') {
  return {
    '/user/balance': {
      is_available: true,
      balance_infos: [{ currency, total_balance: total, granted_balance: '0.00', topped_up_balance: total }],
    },
  };
}

/** SiliconFlow `GET /v1/user/info`: amounts as strings; totalBalance = balance (granted) + chargeBalance (paid). */
export function siliconFlowUserInfo(balance: string, chargeBalance: string, totalBalance: string) {
  return {
    '/v1/user/info': {
      code: 20000,
      message: 'OK',
      status: true,
      data: {
        id: 'user-1',
        name: 'operator',
        email: 'ops@example.com',
        isAdmin: false,
        balance,
        status: 'normal',
        chargeBalance,
        totalBalance,
      },
    },
  };
}

/** Moonshot `GET /v1/users/me/balance`: CNY amounts as numbers. */
export function moonshotBalance(available: number) {
  return {
    '/v1/users/me/balance': {
      code: 0,
      data: { available_balance: available, voucher_balance: 0, cash_balance: available },
      scode: '0x0',
      status: true,
    },
  };
}

import { type LedgerReason, usageReason } from '../../src/billing/ledger-reason.js';

/** A charge's reason for tests: `<model> via openai: 10 in, 5 out`. */
export function testCharge(model = 'gpt-test'): LedgerReason {
  return usageReason(
    { model, vendor: 'openai', upstreamModel: model },
    { inputTokens: { total: 10 }, outputTokens: { total: 5 } },
  );
}

/** A credit's reason for tests: an administrator's note. */
export function testCredit(note = 'test funds'): LedgerReason {
  return { code: 'admin_adjust', params: { note, by: 'test' } };
}

import { expect, it } from 'vitest';
import { createUser, ledgerSum, testClock } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { fakeProvider, paidNotice } from '../../test/payments/notice-fixtures.js';
import { verifyLedger } from '../billing/ledger-verify.js';
import { RedemptionService } from '../billing/redemption-service.js';
import { OrderService } from '../payments/order-service.js';
import { newId } from '../platform/ids.js';
import type { InviteReward } from '../platform/site-settings.js';
import { InvitationService, rewardFor } from './invitation-service.js';

const URLS = () => ({ notifyUrl: 'https://aihub.example/notify', returnUrl: 'https://aihub.example/back' });
const NOTIFY = { kind: 'notify' as const };

it('rewards fixed units plus a percent of what was paid for, rounded down', () => {
  expect(rewardFor({ fixedUnits: 0, percent: 0 }, 10_000_000)).toBe(0);
  expect(rewardFor({ fixedUnits: 500_000, percent: 0 }, 10_000_000)).toBe(500_000);
  expect(rewardFor({ fixedUnits: 1, percent: 2.5 }, 10_000_001)).toBe(250_001);
});

describeEachDialect('invitations', (store) => {
  const clock = testClock();
  let reward: InviteReward = { fixedUnits: 1_000_000, percent: 10 };
  const invitations = () => new InvitationService(store(), { now: clock.now, newId, reward: () => reward });
  const orders = () =>
    new OrderService(store(), {
      now: clock.now,
      newId,
      afterCredit: (trx, order) => invitations().rewardFirstPayment(trx, order),
    });
  const paidOrder = async (userId: string) => {
    const order = await orders().create(
      {
        userId,
        method: 'epay',
        purpose: 'topup',
        currency: 'CNY',
        payAmount: 7200,
        creditAmount: 11_000_000,
        bonusAmount: 1_000_000,
        subject: 'credit',
      },
      fakeProvider(),
      URLS,
    );
    return order.id;
  };
  const rewards = (userId: string) =>
    store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'invite_reward')
      .execute();

  it('records the inviter of a code; ignores unknown codes, self-invites and a second inviter', async () => {
    const inviter = await createUser(store());
    const other = await createUser(store());
    const code = await invitations().codeFor(inviter);
    expect(code).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(await invitations().codeFor(inviter)).toBe(code);
    const invitee = await createUser(store());
    expect(await invitations().recordInvite(invitee, 'NOPE')).toBe(false);
    expect(await invitations().recordInvite(inviter, code)).toBe(false);
    expect(await invitations().recordInvite(invitee, undefined)).toBe(false);
    expect(await invitations().recordInvite(invitee, ` ${code} `)).toBe(true);
    expect(await invitations().recordInvite(invitee, await invitations().codeFor(other))).toBe(false);
    expect(await invitations().summary(inviter)).toEqual({ code, invitees: 1, paidInvitees: 0, rewardsEarned: 0 });
  });

  it('credits the inviter once, at the first payment, however many notices of however many orders race', async () => {
    const inviter = await createUser(store());
    const invitee = await createUser(store());
    await invitations().recordInvite(invitee, await invitations().codeFor(inviter));
    const first = await paidOrder(invitee);
    const second = await paidOrder(invitee);
    const results = await Promise.all(
      [first, second].flatMap((id) =>
        Array.from({ length: 10 }, () => orders().applyNotice('epay', paidNotice(id, 7200), NOTIFY)),
      ),
    );
    expect(results.filter((result) => result.outcome === 'credited')).toHaveLength(2);
    const entries = await rewards(inviter);
    // 1,000,000 fixed + 10% of the 10,000,000 paid for (the bonus is not counted).
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amount: 2_000_000, reference: invitee });
    expect(await ledgerSum(store(), inviter)).toBe(2_000_000);
    expect(await ledgerSum(store(), invitee)).toBe(22_000_000);
    const third = await paidOrder(invitee);
    await orders().applyNotice('epay', paidNotice(third, 7200), NOTIFY);
    expect(await rewards(inviter)).toHaveLength(1);
    expect(await invitations().summary(inviter)).toMatchObject({
      invitees: 1,
      paidInvitees: 1,
      rewardsEarned: 2_000_000,
    });
    expect((await verifyLedger(store())).mismatches).toEqual([]);
  });

  it('a redemption code or an admin grant is not a payment: no reward until the invitee really pays', async () => {
    const inviter = await createUser(store());
    const invitee = await createUser(store());
    await invitations().recordInvite(invitee, await invitations().codeFor(inviter));
    const redemptions = new RedemptionService(store(), { now: clock.now, newId });
    const { codes } = await redemptions.createBatch(inviter, { name: 'promo', amountUnits: 5_000_000, count: 1 });
    await redemptions.redeem(invitee, codes[0] ?? '');
    expect(await rewards(inviter)).toHaveLength(0);
    const order = await paidOrder(invitee);
    await orders().applyNotice('epay', paidNotice(order, 7200), NOTIFY);
    expect(await rewards(inviter)).toHaveLength(1);
  });

  it('with the reward off at the first payment, that payment and the later ones earn nothing', async () => {
    reward = { fixedUnits: 0, percent: 0 };
    const inviter = await createUser(store());
    const invitee = await createUser(store());
    await invitations().recordInvite(invitee, await invitations().codeFor(inviter));
    await orders().applyNotice('epay', paidNotice(await paidOrder(invitee), 7200), NOTIFY);
    reward = { fixedUnits: 1_000_000, percent: 0 };
    await orders().applyNotice('epay', paidNotice(await paidOrder(invitee), 7200), NOTIFY);
    expect(await rewards(inviter)).toHaveLength(0);
    expect(await ledgerSum(store(), invitee)).toBe(22_000_000);
  });

  it('a payment by a user nobody invited rewards nobody', async () => {
    const payer = await createUser(store());
    await orders().applyNotice('epay', paidNotice(await paidOrder(payer), 7200), NOTIFY);
    expect(await ledgerSum(store(), payer)).toBe(11_000_000);
  });
});

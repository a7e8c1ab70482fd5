import { describe, expectTypeOf, it } from 'vitest';
import type { Channel, ChannelTestResult, CreateChannelBody, RoutingHealth } from '../features/admin/channels/types';
import type { DashboardStats } from '../features/admin/dashboard/api';
import type { CatalogOverride, CatalogStatus } from '../features/admin/prices/api';
import type { PriceRules } from '../features/admin/prices/pricing';
import type { Batch, CreateBatchInput, RedemptionCode } from '../features/admin/redemptions/api';
import type { Settings } from '../features/admin/settings/api';
import type { UserList, UserPatch } from '../features/admin/users/api';
import type { Balance, RedeemResult } from '../features/billing/types';
import type { ApiKey, CreatedKey, KeyPatch } from '../features/keys/types';
import type { LogPage, RequestLog } from '../features/usage/types';
import type {
  CatalogModel,
  LedgerEntry,
  MeResponse,
  PlaygroundCredential,
  PublicSettings,
  UsageSummary,
  User,
} from '../lib/types';
import type { Vendor } from '../lib/vendors';
import type { ApiResponse } from './schema';

// These checks run in `npm run typecheck` (tsc over web/): a path or method the server does not
// publish makes a name `never`, which would silently accept anything; here it fails instead.
describe('the console’s API types', () => {
  it('name real shapes of the server’s OpenAPI document', () => {
    expectTypeOf<User>().not.toBeNever();
    expectTypeOf<MeResponse>().not.toBeNever();
    expectTypeOf<PublicSettings>().not.toBeNever();
    expectTypeOf<ApiKey>().not.toBeNever();
    expectTypeOf<CreatedKey>().not.toBeNever();
    expectTypeOf<KeyPatch>().not.toBeNever();
    expectTypeOf<Channel>().not.toBeNever();
    expectTypeOf<CreateChannelBody>().not.toBeNever();
    expectTypeOf<ChannelTestResult>().not.toBeNever();
    expectTypeOf<RoutingHealth>().not.toBeNever();
    expectTypeOf<Vendor>().not.toBeNever();
    expectTypeOf<DashboardStats>().not.toBeNever();
    expectTypeOf<CatalogStatus>().not.toBeNever();
    expectTypeOf<CatalogOverride>().not.toBeNever();
    expectTypeOf<PriceRules>().not.toBeNever();
    expectTypeOf<Batch>().not.toBeNever();
    expectTypeOf<RedemptionCode>().not.toBeNever();
    expectTypeOf<CreateBatchInput>().not.toBeNever();
    expectTypeOf<Settings>().not.toBeNever();
    expectTypeOf<UserList>().not.toBeNever();
    expectTypeOf<UserPatch>().not.toBeNever();
    expectTypeOf<Balance>().not.toBeNever();
    expectTypeOf<RedeemResult>().not.toBeNever();
    expectTypeOf<LogPage>().not.toBeNever();
    expectTypeOf<RequestLog>().not.toBeNever();
    expectTypeOf<CatalogModel>().not.toBeNever();
    expectTypeOf<LedgerEntry>().not.toBeNever();
    expectTypeOf<UsageSummary>().not.toBeNever();
    expectTypeOf<PlaygroundCredential>().not.toBeNever();
  });

  it('follow the server: a field it sends is a field the console sees', () => {
    expectTypeOf<ApiKey['hint']>().toEqualTypeOf<string>();
    expectTypeOf<Channel['status']>().toEqualTypeOf<'enabled' | 'disabled' | 'auto_disabled'>();
    expectTypeOf<ApiResponse<'/api/vendors', 'get'>['data'][number]['badge']>().toEqualTypeOf<{
      hue: number;
      monogram: string;
    }>();
  });
});

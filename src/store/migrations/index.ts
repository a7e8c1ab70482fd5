import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as channelsAndLimits from './0002-channels-and-limits.js';
import * as playgroundKeys from './0003-playground-keys.js';
import * as moneyPath from './0004-money-path.js';
import * as moneyBatch from './0005-money-batch.js';
import * as billingOverruns from './0006-billing-overruns.js';
import * as sessionCsrfHash from './0007-session-csrf-hash.js';
import * as loginSecurity from './0008-login-security.js';
import * as requestSurface from './0009-request-surface.js';
import * as cacheWriteTtl from './0010-cache-write-ttl.js';
import * as storedResponses from './0011-stored-responses.js';
import * as requestEndpoint from './0012-request-endpoint.js';
import * as storedResponseItems from './0013-stored-response-items.js';
import * as webSearchCalls from './0014-web-search-calls.js';
import * as requestUnits from './0015-request-units.js';
import * as mediaJobs from './0016-media-jobs.js';
import * as paymentOrders from './0017-payment-orders.js';
import * as subscriptionPlans from './0018-subscription-plans.js';
import * as requestPlanDrawn from './0019-request-plan-drawn.js';
import * as userIdentities from './0020-user-identities.js';
import * as emailTokens from './0021-email-tokens.js';
import * as mfa from './0022-mfa.js';
import * as publicFace from './0023-public-face.js';
import * as channelTagsAndTests from './0024-channel-tags-and-tests.js';
import * as keyGroups from './0025-key-groups.js';
import * as ledgerReasonCodes from './0026-ledger-reason-codes.js';
import * as requestKeyGroup from './0027-request-key-group.js';
import * as presets from './0028-presets.js';
import * as channelCost from './0029-channel-cost.js';
import * as requestUpstreamCost from './0030-request-upstream-cost.js';

/**
 * Every migration, in order, by name. Names sort lexically; a new migration gets the next number.
 * Listed statically (not read from disk) so the compiled package carries them.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-channels-and-limits': channelsAndLimits,
  '0003-playground-keys': playgroundKeys,
  '0004-money-path': moneyPath,
  '0005-money-batch': moneyBatch,
  '0006-billing-overruns': billingOverruns,
  '0007-session-csrf-hash': sessionCsrfHash,
  '0008-login-security': loginSecurity,
  '0009-request-surface': requestSurface,
  '0010-cache-write-ttl': cacheWriteTtl,
  '0011-stored-responses': storedResponses,
  '0012-request-endpoint': requestEndpoint,
  '0013-stored-response-items': storedResponseItems,
  '0014-web-search-calls': webSearchCalls,
  '0015-request-units': requestUnits,
  '0016-media-jobs': mediaJobs,
  '0017-payment-orders': paymentOrders,
  '0018-subscription-plans': subscriptionPlans,
  '0019-request-plan-drawn': requestPlanDrawn,
  '0020-user-identities': userIdentities,
  '0021-email-tokens': emailTokens,
  '0022-mfa': mfa,
  '0023-public-face': publicFace,
  '0024-channel-tags-and-tests': channelTagsAndTests,
  '0025-key-groups': keyGroups,
  '0026-ledger-reason-codes': ledgerReasonCodes,
  '0027-request-key-group': requestKeyGroup,
  '0028-presets': presets,
  '0029-channel-cost': channelCost,
  '0030-request-upstream-cost': requestUpstreamCost,
};

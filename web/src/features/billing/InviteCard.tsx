import { useQuery } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../../api/schema';
import { Card, CardContent, CopyButton, ErrorState, Skeleton } from '../../components/ui';
import { api } from '../../lib/api';
import { formatMoney } from '../../lib/money';

type Invite = ApiResponse<'/api/account/invite', 'get'>;

/** What the operator's reward is, in words. */
function rewardText(reward: Invite['reward'], t: (key: string, options?: Record<string, unknown>) => string): string {
  const amount = formatMoney(reward.fixedUnits);
  if (reward.fixedUnits > 0 && reward.percent > 0) return t('invite.rewardBoth', { amount, percent: reward.percent });
  if (reward.fixedUnits > 0) return t('invite.rewardFixed', { amount });
  if (reward.percent > 0) return t('invite.rewardPercent', { percent: reward.percent });
  return t('invite.rewardOff');
}

/** The user's invite link, who signed up and paid with it, and what it earned (`invite_reward` entries). */
export function InviteCard() {
  const { t } = useTranslation('site');
  const invite = useQuery({
    queryKey: ['account', 'invite'],
    queryFn: ({ signal }) => api.get<Invite>('/api/account/invite', { signal }),
  });
  const link = invite.data ? `${window.location.origin}/register?invite=${encodeURIComponent(invite.data.code)}` : '';
  return (
    <Card>
      <CardContent className="space-y-4">
        <div className="space-y-1">
          <div className="flex items-center gap-2 font-semibold">
            <UserPlus className="size-4 text-primary" aria-hidden />
            <h2>{t('invite.title')}</h2>
          </div>
          <p className="text-sm text-muted-foreground">{t('invite.description')}</p>
        </div>
        {invite.data ? (
          <>
            <div className="space-y-1.5">
              <p className="text-xs font-medium text-muted-foreground">{t('invite.link')}</p>
              <div className="flex items-center gap-1 rounded-lg border border-border bg-muted/40 px-3 py-2">
                <code className="min-w-0 flex-1 truncate font-mono text-xs" data-testid="invite-link">
                  {link}
                </code>
                <CopyButton value={link} className="size-7 shrink-0" />
              </div>
              <p className="text-xs text-muted-foreground">{rewardText(invite.data.reward, t as never)}</p>
            </div>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {(
                [
                  ['invitees', String(invite.data.invitees)],
                  ['paid', String(invite.data.paidInvitees)],
                  ['earned', formatMoney(invite.data.rewardsEarned)],
                ] as const
              ).map(([key, value]) => (
                <div key={key} className="rounded-lg border border-border p-2">
                  <dt className="text-xs text-muted-foreground">{t(`invite.${key}`)}</dt>
                  <dd className="font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : invite.isError ? (
          <ErrorState error={invite.error} onRetry={() => void invite.refetch()} />
        ) : (
          <Skeleton className="h-24" />
        )}
      </CardContent>
    </Card>
  );
}

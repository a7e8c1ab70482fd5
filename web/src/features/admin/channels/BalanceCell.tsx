import { Wallet } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, Tooltip } from '../../../components/ui';
import { useUpstreamBalance } from './tools-api';
import type { Channel } from './types';

/** The upstream account's balance on demand (it costs the vendor a call), or "not available". */
export function BalanceCell({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation('channels');
  const balance = useUpstreamBalance();
  if (!channel.balanceAvailable) {
    return <span className="text-xs text-muted-foreground">{t('tools.balanceNotAvailable')}</span>;
  }
  const answer = balance.data;
  if (answer?.ok && answer.balances) {
    return (
      <span className="text-sm tabular-nums" data-testid="balance-value">
        {answer.balances
          .map((item) =>
            new Intl.NumberFormat(i18n.language, { style: 'currency', currency: item.currency }).format(item.remaining),
          )
          .join(' · ')}
      </span>
    );
  }
  const failed = balance.isError || (answer && !answer.ok);
  return (
    <Tooltip content={failed ? (answer?.error?.message ?? t('tools.balanceFailed')) : t('tools.checkBalance')}>
      <Button
        variant="ghost"
        size="sm"
        loading={balance.isPending}
        onClick={() => balance.mutate(channel.id)}
        aria-label={t('tools.checkBalanceNamed', { name: channel.name })}
      >
        <Wallet />
        {failed ? t('tools.balanceFailed') : t('tools.checkBalance')}
      </Button>
    </Tooltip>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Coins } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../components/MoneyText';
import { fetchLoggedCost } from '../playground/cost';

export interface RequestCostProps {
  /** The answer's `x-request-id` (for a job: the one of its submission). */
  requestId: string | null;
  /**
   * False while a job runs: its charge is settled when it ends (its log row is updated then), so
   * the cost is read once it has.
   */
  settled?: boolean;
  /** A finished job that succeeded: its row may lag its status by a flush, so ask again while it says 0. */
  expectCharge?: boolean;
}

/**
 * What a media request cost, as the request log records it (the amount the settlement charged,
 * after the operator's prices and multipliers): the same source as the chat's "charged" figure.
 * The media endpoints send no cost header, and an estimate from per-unit prices would have to
 * repeat the server's unit keys (size, quality, seconds); the log row is exact.
 */
export function RequestCost({ requestId, settled = true, expectCharge = false }: RequestCostProps) {
  const { t } = useTranslation('media');
  const logged = useQuery({
    queryKey: ['media', 'request-cost', requestId, settled],
    queryFn: ({ signal }) => fetchLoggedCost(requestId!, { signal }),
    enabled: Boolean(requestId) && settled,
    // Bounded: a job that really cost nothing (an operator's free model) stops asking after ~10 s.
    refetchInterval: (query) =>
      expectCharge && query.state.data?.cost === 0 && query.state.dataUpdateCount < 10 ? 1000 : false,
  });
  if (!requestId) return null;
  const cost = logged.data?.cost;
  return (
    <p className="inline-flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="media-cost">
      <Coins className="size-3.5" aria-hidden />
      <span>{t('cost.label')}</span>
      {!settled ? (
        <span>{t('cost.whenDone')}</span>
      ) : cost === undefined || logged.data === null ? (
        <span>{logged.isPending ? t('cost.loading') : t('cost.unknown')}</span>
      ) : (
        <MoneyText units={cost} className="text-foreground" />
      )}
      <Link to={`/logs/${encodeURIComponent(requestId)}`} className="underline-offset-2 hover:underline">
        {t('cost.log')}
      </Link>
    </p>
  );
}

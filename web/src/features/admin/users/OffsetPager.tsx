import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';

export interface OffsetPagerProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  loading?: boolean;
  onPage: (page: number) => void;
}

/** "1–25 of 130" with previous/next, for lists that know their total. */
export function OffsetPager({ page, pageSize, total, loading, onPage }: OffsetPagerProps) {
  const { t } = useTranslation('manage');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  return (
    <nav
      aria-label={t('pager.label')}
      className="flex items-center justify-between gap-3 border-t border-border px-4 py-3 text-xs text-muted-foreground"
    >
      <span aria-live="polite">
        {t('pager.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
      </span>
      <div className="flex items-center gap-1">
        <span className="mr-2 hidden sm:inline">{t('pager.page', { page, pages })}</span>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label={t('pager.previous')}
          disabled={page <= 1 || loading}
          onClick={() => onPage(page - 1)}
        >
          <ChevronLeft />
        </Button>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label={t('pager.next')}
          disabled={page >= pages || loading}
          onClick={() => onPage(page + 1)}
        >
          <ChevronRight />
        </Button>
      </div>
    </nav>
  );
}

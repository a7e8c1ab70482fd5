import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Button } from './Button';

export interface PaginationProps {
  /** More pages exist (`query.hasNextPage` of a useInfiniteQuery on a `{data, nextCursor}` list). */
  hasMore: boolean;
  /** The next page is loading (`query.isFetchingNextPage`). */
  loading?: boolean;
  onLoadMore: () => void;
  /** Hide the "That's everything" line at the end. */
  hideEnd?: boolean;
  className?: string;
}

/** "Load more" for cursor lists. */
export function Pagination({ hasMore, loading, onLoadMore, hideEnd, className }: PaginationProps) {
  const { t } = useTranslation();
  if (!hasMore && hideEnd) return null;
  return (
    <div className={cn('flex justify-center py-4', className)}>
      {hasMore ? (
        <Button variant="outline" size="sm" onClick={onLoadMore} loading={loading}>
          {t('actions.loadMore')}
        </Button>
      ) : (
        <p className="text-xs text-muted-foreground">{t('states.allLoaded')}</p>
      )}
    </div>
  );
}

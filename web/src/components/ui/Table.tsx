import type { LucideIcon } from 'lucide-react';
import { Inbox } from 'lucide-react';
import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { Skeleton } from './Skeleton';

export interface TableColumn<Row> {
  /** Unique per table. */
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Classes for the cells of this column (width, wrapping, `hidden md:table-cell`). */
  className?: string;
}

export interface TableProps<Row> {
  columns: TableColumn<Row>[];
  rows: Row[] | undefined;
  rowKey: (row: Row) => Key;
  /** Shows skeleton rows. */
  loading?: boolean;
  /** Shows an ErrorState (with retry) instead of rows. */
  error?: unknown;
  onRetry?: () => void;
  /** Shown when rows is empty. */
  empty?: { icon?: LucideIcon; title?: ReactNode; description?: ReactNode; action?: ReactNode };
  /** Makes rows clickable (and keyboard-activatable). */
  onRowClick?: (row: Row) => void;
  /** Accessible name of the table. */
  label?: string;
  className?: string;
  /** Number of skeleton rows (default 5). */
  skeletonRows?: number;
  /** A last row set apart (totals), drawn by the same columns; shown with the rows. */
  footRow?: Row;
}

const ALIGN = { left: 'text-left', right: 'text-right', center: 'text-center' } as const;

/** A data table with loading (skeleton), error and empty states; scrolls sideways on narrow screens. */
export function Table<Row>({
  columns,
  rows,
  rowKey,
  loading,
  error,
  onRetry,
  empty,
  onRowClick,
  label,
  className,
  skeletonRows = 5,
  footRow,
}: TableProps<Row>) {
  const { t } = useTranslation();
  if (error && !loading) return <ErrorState error={error} onRetry={onRetry} className={className} />;
  const showEmpty = !loading && rows !== undefined && rows.length === 0;
  return (
    <div className={cn('overflow-x-auto', className)}>
      <table className="w-full border-collapse text-sm" aria-label={label} aria-busy={loading || undefined}>
        <thead>
          <tr className="border-b border-border">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn(
                  'h-10 px-4 text-xs font-medium whitespace-nowrap text-muted-foreground',
                  ALIGN[column.align ?? 'left'],
                  column.className,
                )}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: skeletonRows }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
              <tr key={index} className="border-b border-border last:border-0">
                {columns.map((column) => (
                  <td key={column.key} className={cn('px-4 py-3', column.className)}>
                    <Skeleton className="h-4 w-full max-w-40" />
                  </td>
                ))}
              </tr>
            ))}
          {!loading &&
            rows?.map((row, index) => (
              <tr
                key={rowKey(row)}
                className={cn(
                  'border-b border-border transition-colors last:border-0',
                  onRowClick && 'cursor-pointer hover:bg-muted/50 focus-visible:bg-muted/50',
                )}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={
                  onRowClick
                    ? (event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          onRowClick(row);
                        }
                      }
                    : undefined
                }
                tabIndex={onRowClick ? 0 : undefined}
              >
                {columns.map((column) => (
                  <td key={column.key} className={cn('px-4 py-3', ALIGN[column.align ?? 'left'], column.className)}>
                    {column.cell(row, index)}
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
        {footRow !== undefined && !loading && rows !== undefined && rows.length > 0 && (
          <tfoot>
            <tr className="border-t-2 border-border bg-muted/40 font-semibold">
              {columns.map((column) => (
                <td key={column.key} className={cn('px-4 py-3', ALIGN[column.align ?? 'left'], column.className)}>
                  {column.cell(footRow, rows.length)}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {showEmpty && (
        <EmptyState
          icon={empty?.icon ?? Inbox}
          title={empty?.title ?? t('states.empty')}
          description={empty?.description}
          action={empty?.action}
        />
      )}
    </div>
  );
}

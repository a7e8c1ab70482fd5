import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui';
import { cn } from '../../../lib/cn';

/** Sticks to the bottom of the window while the form has unsaved changes: discard or save. */
export function SaveBar({
  dirty,
  saving,
  errorCount,
  onDiscard,
}: {
  dirty: boolean;
  saving: boolean;
  /** Fields in error: the bar says so instead of "unsaved changes". */
  errorCount: number;
  onDiscard: () => void;
}) {
  const { t } = useTranslation(['manage', 'common']);
  return (
    <div
      className={cn(
        // Left-aligned on wide screens, clear of the toasts at the bottom right.
        'pointer-events-none fixed inset-x-0 bottom-0 z-30 flex justify-center px-4 pb-4 transition-all duration-200 md:pl-64 lg:justify-start lg:pl-68',
        dirty ? 'translate-y-0 opacity-100' : 'translate-y-4 opacity-0',
      )}
      aria-hidden={!dirty}
    >
      <section
        aria-label={t('settings.saveBar')}
        className={cn(
          'flex w-full max-w-2xl items-center justify-between gap-3 rounded-xl border border-border bg-popover px-4 py-3 shadow-pop lg:max-w-xl',
          dirty && 'pointer-events-auto',
        )}
      >
        <p className={cn('flex items-center gap-2 text-sm font-medium', errorCount > 0 && 'text-destructive')}>
          <span className={cn('size-2 rounded-full', errorCount > 0 ? 'bg-destructive' : 'bg-warning')} aria-hidden />
          {errorCount > 0 ? t('settings.fixErrors', { count: errorCount }) : t('settings.unsaved')}
        </p>
        <div className="flex gap-2">
          <Button variant="ghost" size="sm" onClick={onDiscard} disabled={!dirty || saving} tabIndex={dirty ? 0 : -1}>
            {t('prices.discard')}
          </Button>
          <Button type="submit" size="sm" loading={saving} disabled={!dirty} tabIndex={dirty ? 0 : -1}>
            {t('common:actions.saveChanges')}
          </Button>
        </div>
      </section>
    </div>
  );
}

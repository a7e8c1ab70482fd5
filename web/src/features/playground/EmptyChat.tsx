import { BookOpen, Code, type LucideIcon, Mail, Sparkles, Table2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../components/MoneyText';

const EXAMPLES: Array<{ key: 'explain' | 'code' | 'write' | 'table'; icon: LucideIcon }> = [
  { key: 'explain', icon: BookOpen },
  { key: 'code', icon: Code },
  { key: 'write', icon: Mail },
  { key: 'table', icon: Table2 },
];

/** The welcome screen of an empty conversation: what this is, what it costs, and prompts to start with. */
export function EmptyChat({
  balance,
  onExample,
  disabled,
}: {
  balance: number;
  onExample: (prompt: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('playground');
  return (
    <div className="mx-auto flex min-h-full w-full max-w-3xl flex-col items-center justify-center px-4 py-10 sm:px-6">
      <div className="flex size-12 items-center justify-center rounded-2xl bg-primary-soft text-primary">
        <Sparkles className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-xl font-semibold tracking-tight">{t('empty.title')}</h2>
      <p className="mt-2 max-w-md text-center text-sm text-muted-foreground">
        {t('empty.description')}{' '}
        <span className="whitespace-nowrap">
          {t('empty.balance')} <MoneyText units={balance} digits={2} className="text-foreground" />
        </span>
        {balance <= 0 && (
          <>
            {' · '}
            <Link to="/billing" className="font-medium text-primary underline-offset-2 hover:underline">
              {t('empty.topUp')}
            </Link>
          </>
        )}
      </p>
      <div className="mt-8 grid w-full gap-2.5 sm:grid-cols-2">
        {EXAMPLES.map(({ key, icon: Icon }) => (
          <button
            key={key}
            type="button"
            disabled={disabled}
            onClick={() => onExample(t(`empty.examples.${key}.prompt`))}
            className="group flex cursor-pointer items-start gap-3 rounded-xl border border-border bg-card p-3.5 text-left shadow-soft transition-colors hover:border-primary/40 hover:bg-accent/50 disabled:cursor-not-allowed disabled:opacity-60"
          >
            <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground group-hover:text-primary">
              <Icon className="size-4" aria-hidden />
            </span>
            <span className="min-w-0">
              <span className="block text-sm font-medium">{t(`empty.examples.${key}.title`)}</span>
              <span className="mt-0.5 line-clamp-2 block text-xs text-muted-foreground">
                {t(`empty.examples.${key}.prompt`)}
              </span>
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

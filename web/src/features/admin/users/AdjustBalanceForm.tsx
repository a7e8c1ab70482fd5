import { ArrowRight, ScrollText } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Alert, Button, ConfirmDialog, Field, Input, Textarea, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/errors';
import { formatMoney, parseMoney } from '../../../lib/money';
import type { User } from '../../../lib/types';
import { type AdjustResult, useAdjustBalance } from './api';

/** A signed amount as typed: `5`, `+5`, `-2.50`, `$10`; undefined when not an amount. */
export function parseSignedMoney(text: string): number | undefined {
  const trimmed = text
    .trim()
    .replace(/^\+/, '')
    .replace(/^-\s*\$/, '-')
    .replace(/^\$\s*-/, '-');
  return parseMoney(trimmed);
}

interface Problems {
  amount?: string;
  reason?: string;
}

function Stat({ label, units, tone }: { label: string; units: number; tone?: 'muted' | 'danger' }) {
  return (
    <div className="rounded-lg border border-border bg-muted/30 px-3 py-2.5">
      <p className="text-xs text-muted-foreground">{label}</p>
      <MoneyText
        units={units}
        className={cn(
          'block text-lg',
          tone === 'muted' && 'text-muted-foreground',
          tone === 'danger' && 'text-destructive',
        )}
      />
    </div>
  );
}

/** Balance figures and the adjustment form (a signed amount with a required reason, written to the ledger). */
export function AdjustBalanceForm({ user, onShowEntry }: { user: User; onShowEntry: (entryId: string) => void }) {
  const { t } = useTranslation('manage');
  const toast = useToast();
  const adjust = useAdjustBalance(user.id);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<(AdjustResult & { amount: number }) | undefined>();

  // A result belongs to the user it was made for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the user changes.
  useEffect(() => {
    setResult(undefined);
    setAmountText('');
    setReason('');
    setProblems({});
    adjust.reset();
  }, [user.id]);

  const amount = parseSignedMoney(amountText);
  const preview = amount !== undefined && amount !== 0 ? user.balance + amount : undefined;

  const validate = (): Problems => ({
    amount:
      amountText.trim() === ''
        ? t('users.adjust.errors.amountRequired')
        : amount === undefined
          ? t('users.adjust.errors.amountInvalid')
          : amount === 0
            ? t('users.adjust.errors.amountZero')
            : undefined,
    reason: reason.trim() === '' ? t('users.adjust.errors.reasonRequired') : undefined,
  });

  const run = () => {
    if (amount === undefined) return;
    adjust.mutate(
      { amount, reason: reason.trim() },
      {
        onSuccess: (answer) => {
          setConfirming(false);
          setResult({ ...answer, amount });
          setAmountText('');
          setReason('');
          toast.success(
            t('users.adjust.toast', { amount: formatMoney(amount, { signed: true }) }),
            t('users.adjust.newBalance', { balance: formatMoney(answer.balance) }),
          );
        },
        onError: () => setConfirming(false),
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = validate();
    setProblems(next);
    if (next.amount || next.reason || amount === undefined) return;
    // Taking money away is confirmed first.
    if (amount < 0) setConfirming(true);
    else run();
  };

  const serverParam = adjust.error instanceof ApiError ? adjust.error.param : null;
  const serverError = (param: string) => (serverParam === param ? errorMessage(adjust.error) : undefined);
  const formError = adjust.error && serverParam !== 'amount' && serverParam !== 'reason' ? adjust.error : undefined;

  return (
    <div className="space-y-5">
      <div className="grid grid-cols-3 gap-2">
        <Stat label={t('users.adjust.balance')} units={user.balance} tone={user.balance < 0 ? 'danger' : undefined} />
        <Stat label={t('users.adjust.reserved')} units={user.reserved} tone="muted" />
        <Stat label={t('users.adjust.available')} units={user.balance - user.reserved} tone="muted" />
      </div>

      {result && (
        <Alert
          variant="success"
          title={t('users.adjust.resultTitle', { amount: formatMoney(result.amount, { signed: true }) })}
          action={
            <Button variant="outline" size="sm" onClick={() => onShowEntry(result.entryId)}>
              <ScrollText />
              {t('users.adjust.viewEntry')}
            </Button>
          }
        >
          <span data-testid="adjust-result">
            {t('users.adjust.newBalance', { balance: formatMoney(result.balance) })}
          </span>
          <span className="block font-mono text-xs">{result.reference}</span>
        </Alert>
      )}

      <form className="space-y-4 rounded-xl border border-border p-4" onSubmit={onSubmit} noValidate>
        <div className="space-y-0.5">
          <h3 className="text-sm font-semibold">{t('users.adjust.title')}</h3>
          <p className="text-xs text-muted-foreground">{t('users.adjust.description')}</p>
        </div>
        {formError && <Alert variant="danger">{errorMessage(formError)}</Alert>}
        <Field
          label={t('users.adjust.amount')}
          hint={
            preview !== undefined ? (
              <span className="inline-flex items-center gap-1.5">
                {formatMoney(user.balance)}
                <ArrowRight className="size-3" aria-hidden />
                <span className={preview < 0 ? 'text-destructive' : 'text-foreground'}>{formatMoney(preview)}</span>
              </span>
            ) : (
              t('users.adjust.amountHint')
            )
          }
          error={problems.amount ?? serverError('amount')}
          required
        >
          <Input
            inputMode="decimal"
            placeholder={t('users.adjust.amountPlaceholder')}
            leading={<span className="text-sm">$</span>}
            value={amountText}
            onChange={(event) => setAmountText(event.target.value)}
            autoComplete="off"
          />
        </Field>
        <div className="flex flex-wrap gap-1.5">
          {['+5', '+20', '+100', '-5'].map((preset) => (
            <Button key={preset} variant="secondary" size="sm" type="button" onClick={() => setAmountText(preset)}>
              {preset.startsWith('-') ? `−$${preset.slice(1)}` : `+$${preset.slice(1)}`}
            </Button>
          ))}
        </div>
        <Field
          label={t('users.adjust.reason')}
          hint={t('users.adjust.reasonHint')}
          error={problems.reason ?? serverError('reason')}
          required
        >
          <Textarea
            rows={2}
            maxLength={500}
            placeholder={t('users.adjust.reasonPlaceholder')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </Field>
        <div className="flex justify-end">
          <Button
            type="submit"
            loading={adjust.isPending && !confirming}
            variant={amount !== undefined && amount < 0 ? 'danger' : 'primary'}
          >
            {amount !== undefined && amount < 0 ? t('users.adjust.submitDeduct') : t('users.adjust.submit')}
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={run}
        loading={adjust.isPending}
        danger
        title={t('users.adjust.confirmTitle')}
        confirmLabel={t('users.adjust.submitDeduct')}
        description={t('users.adjust.confirmText', {
          amount: formatMoney(Math.abs(amount ?? 0)),
          user: user.email,
          balance: formatMoney(preview ?? user.balance),
        })}
      />
    </div>
  );
}

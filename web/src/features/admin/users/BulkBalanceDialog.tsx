import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Dialog, Field, FormFooter, Input, SegmentedControl } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { parseMoney } from '../../../lib/money';
import { type BulkBalanceResult, useBulkBalance } from './admin-tools-api';

/**
 * One balance change for the selected users: each gets their own ledger entry. Afterwards every
 * user's outcome is listed, so a batch that was only partly applied is never hidden.
 */
export function BulkBalanceDialog({
  open,
  onClose,
  users,
}: {
  open: boolean;
  onClose: () => void;
  users: { id: string; email: string }[];
}) {
  const { t } = useTranslation('manage');
  const bulk = useBulkBalance();
  const [direction, setDirection] = useState<'add' | 'subtract'>('add');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<'amount' | 'reason'>();
  const [result, setResult] = useState<BulkBalanceResult>();
  const formId = useId();

  useEffect(() => {
    if (!open) return;
    setAmount('');
    setReason('');
    setInvalid(undefined);
    setResult(undefined);
    bulk.reset();
  }, [open, bulk.reset]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const units = parseMoney(amount);
    if (units === undefined || units <= 0) return setInvalid('amount');
    if (!reason.trim()) return setInvalid('reason');
    setInvalid(undefined);
    try {
      setResult(
        await bulk.mutateAsync({
          userIds: users.map((user) => user.id),
          amount: direction === 'add' ? units : -units,
          reason: reason.trim(),
        }),
      );
    } catch {
      // Shown from the mutation's error.
    }
  };

  const emailOf = (id: string) => users.find((user) => user.id === id)?.email ?? id;

  if (result) {
    return (
      <Dialog open={open} onClose={onClose} title={t('bulkBalance.doneTitle')}>
        <div className="space-y-3 pb-2" data-testid="bulk-result">
          <Alert variant={result.failed > 0 ? 'warning' : 'success'}>
            {t('bulkBalance.summary', { applied: result.applied, failed: result.failed })}
          </Alert>
          <ul className="divide-y divide-border text-sm">
            {result.results.map((entry) => (
              <li key={entry.userId} className="flex justify-between gap-3 py-1.5">
                <span>{emailOf(entry.userId)}</span>
                <span className={entry.ok ? 'text-success' : 'text-destructive'}>
                  {entry.ok ? t('bulkBalance.applied') : (entry.message ?? t('bulkBalance.failed'))}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={bulk.isPending ? () => {} : onClose}
      dismissible={false}
      title={t('bulkBalance.title', { count: users.length })}
      description={t('bulkBalance.description')}
      footer={
        <FormFooter formId={formId} saving={bulk.isPending} onCancel={onClose} submit={t('bulkBalance.submit')} />
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4 pb-2">
        {bulk.error && <Alert variant="danger">{errorMessage(bulk.error)}</Alert>}
        <SegmentedControl
          label={t('bulkBalance.direction')}
          value={direction}
          onChange={(value) => setDirection(value as 'add' | 'subtract')}
          options={[
            { value: 'add', label: t('bulkBalance.add') },
            { value: 'subtract', label: t('bulkBalance.subtract') },
          ]}
        />
        <Field
          label={t('bulkBalance.amount')}
          error={invalid === 'amount' ? t('bulkBalance.amountInvalid') : undefined}
          required
        >
          <Input
            value={amount}
            inputMode="decimal"
            leading={<span className="text-sm">$</span>}
            onChange={(event) => setAmount(event.target.value)}
            autoComplete="off"
            data-autofocus
          />
        </Field>
        <Field
          label={t('bulkBalance.reason')}
          error={invalid === 'reason' ? t('bulkBalance.reasonRequired') : undefined}
          required
        >
          <Input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </Field>
      </form>
    </Dialog>
  );
}

import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ConfirmDialog, Dialog, Field, Select, Textarea, useToast } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { useMarkOrder } from './api';
import { MAX_MARK_REASON, type MarkProblem, markRequest } from './mark-form';
import { paymentErrorMessage } from './payment-errors';
import { formatPayAmount } from './payment-format';
import type { MarkBody, MarkTarget, PaymentOrder } from './types';

/**
 * Marks a stuck order by hand after checking it with the provider: what it becomes and why (the
 * reason is kept with the operator's name), then a confirmation that says what it will do.
 */
export function MarkOrderDialog({
  open,
  onClose,
  order,
  targets,
}: {
  open: boolean;
  onClose: () => void;
  order: PaymentOrder;
  targets: MarkTarget[];
}) {
  const { t } = useTranslation('paymentsAdmin');
  const toast = useToast();
  const mark = useMarkOrder(order.id);
  const formId = useId();
  const [target, setTarget] = useState<MarkTarget | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'target' | 'reason', MarkProblem>>>({});
  const [confirming, setConfirming] = useState<MarkBody>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time it opens.
  useEffect(() => {
    if (open) {
      setTarget('');
      setReason('');
      setProblems({});
      setConfirming(undefined);
      mark.reset();
    }
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = markRequest(target, reason);
    if (!request.ok) {
      setProblems(request.problems);
      return;
    }
    setProblems({});
    setConfirming(request.body);
  };

  const confirm = () => {
    if (!confirming) return;
    mark.mutate(confirming, {
      onSuccess: (updated) => {
        toast.success(t('mark.done', { status: t(`statuses.${updated.status}`) }));
        setConfirming(undefined);
        onClose();
      },
    });
  };

  return (
    <>
      <Dialog
        open={open && !confirming}
        onClose={onClose}
        dismissible={false}
        title={t('mark.title')}
        description={t('mark.description')}
        footer={
          <>
            <Button variant="outline" onClick={onClose}>
              {t('mark.cancel')}
            </Button>
            <Button type="submit" form={formId}>
              {t('mark.continue')}
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={submit} noValidate className="space-y-4">
          <Field label={t('mark.target')} error={problems.target && t(`mark.problems.${problems.target}`)} required>
            <Select
              value={target}
              placeholder={t('mark.choose')}
              onChange={(event) => {
                setTarget(event.target.value as MarkTarget | '');
                setProblems(({ target: _, ...rest }) => rest);
              }}
              options={targets.map((value) => ({ value, label: t(`mark.targets.${value}`) }))}
            />
          </Field>
          <Field
            label={t('mark.reason')}
            hint={t('mark.reasonHint')}
            error={problems.reason && t(`mark.problems.${problems.reason}`, { max: MAX_MARK_REASON })}
            required
          >
            <Textarea
              value={reason}
              maxLength={MAX_MARK_REASON}
              onChange={(event) => {
                setReason(event.target.value);
                setProblems(({ reason: _, ...rest }) => rest);
              }}
            />
          </Field>
        </form>
      </Dialog>
      <ConfirmDialog
        open={open && Boolean(confirming)}
        onClose={() => {
          mark.reset();
          setConfirming(undefined);
        }}
        onConfirm={confirm}
        loading={mark.isPending}
        danger={confirming?.status !== 'credited'}
        title={t('mark.confirmTitle')}
        description={
          confirming?.status === 'credited'
            ? t('mark.confirmCredit', {
                paid: formatPayAmount(order.payAmount, order.currency),
                credit: formatMoney(order.creditAmount),
              })
            : t('mark.confirmClose', { status: t(`statuses.${confirming?.status ?? 'failed'}`) })
        }
        confirmLabel={confirming ? t(`mark.targets.${confirming.status}`) : undefined}
      >
        <p className="rounded-lg bg-muted/50 px-3 py-2 text-sm break-words">“{confirming?.note}”</p>
        {mark.error !== null && (
          <p className="mt-3 text-sm text-destructive" role="alert">
            {paymentErrorMessage(mark.error)}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

import { Download, Ticket } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, CopyButton, Dialog, Field, FormFooter, Input, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatNumber } from '../../../lib/format';
import { formatMoney, parseMoney } from '../../../lib/money';
import { usePlans } from '../plans/api';
import { type Batch, downloadBatchCsv, MAX_CODES_PER_BATCH, useCreateBatch } from './api';
import { type BatchGrant, BatchPlanChoice } from './BatchPlanChoice';
import { ProgressBar } from './ProgressBar';

interface Problems {
  name?: string;
  amount?: string;
  planId?: string;
  count?: string;
  expiresAt?: string;
}

/** `yyyy-mm-dd` of a date in the local time zone (for <input type="date">). */
function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Creates a batch, shows progress while the server generates codes, then shows the codes once. */
export function CreateBatchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['manage', 'common', 'plansAdmin']);
  const toast = useToast();
  const create = useCreateBatch();
  const [name, setName] = useState('');
  const [amountText, setAmountText] = useState('');
  const [grant, setGrant] = useState<BatchGrant>('credit');
  const [planId, setPlanId] = useState('');
  const plans = usePlans();
  const [countText, setCountText] = useState('10');
  const [expiry, setExpiry] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<{ batch: Batch; codes: string[] }>();
  const [downloading, setDownloading] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reopened dialog starts empty.
  useEffect(() => {
    if (!open) return;
    setName('');
    setAmountText('');
    setGrant('credit');
    setPlanId('');
    setCountText('10');
    setExpiry('');
    setProblems({});
    setCreated(undefined);
    create.reset();
  }, [open]);

  const amount = parseMoney(amountText);
  const count = /^\d+$/.test(countText.trim()) ? Number(countText.trim()) : undefined;
  // The end of the chosen day, local time: a code "valid until 31 May" works all of that day.
  const expiresAt = expiry ? new Date(`${expiry}T23:59:59.999`).getTime() : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Problems = {
      name: name.trim() ? undefined : t('redemptions.create.errors.name'),
      amount:
        grant === 'plan' || (amount !== undefined && amount > 0) ? undefined : t('redemptions.create.errors.amount'),
      planId: grant === 'credit' || planId ? undefined : t('plansAdmin:redemption.planRequired'),
      count:
        count !== undefined && count >= 1 && count <= MAX_CODES_PER_BATCH
          ? undefined
          : t('redemptions.create.errors.count', { max: formatNumber(MAX_CODES_PER_BATCH) }),
      expiresAt:
        expiresAt === null || (Number.isFinite(expiresAt) && expiresAt > Date.now())
          ? undefined
          : t('redemptions.create.errors.expiry'),
    };
    setProblems(next);
    if (Object.values(next).some(Boolean) || count === undefined) return;
    const grants = grant === 'plan' ? { planId } : { amount: amount ?? 0 };
    create.mutate(
      { name: name.trim(), ...grants, count, expiresAt },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          toast.success(
            t('redemptions.create.done', { count: answer.codes.length, n: formatNumber(answer.codes.length) }),
          );
        },
      },
    );
  };

  const download = async () => {
    if (!created) return;
    setDownloading(true);
    try {
      await downloadBatchCsv(created.batch);
    } catch (error) {
      toast.error(error);
    } finally {
      setDownloading(false);
    }
  };

  const param = create.error instanceof ApiError ? create.error.param : null;
  const fieldError = (key: keyof Problems) => problems[key] ?? (param === key ? errorMessage(create.error) : undefined);
  const formError = create.error && !(param && ['name', 'amount', 'planId', 'count', 'expiresAt'].includes(param));
  const total = grant === 'credit' && amount !== undefined && count !== undefined ? amount * count : undefined;
  const chosenPlan = plans.data?.find((plan) => plan.id === planId);
  const planOf = (batch: Batch) => plans.data?.find((plan) => plan.id === batch.planId)?.name ?? batch.planId;

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={onClose}
        size="lg"
        dismissible={false}
        title={t('redemptions.created.title', {
          count: created.codes.length,
          n: formatNumber(created.codes.length),
        })}
        description={t('redemptions.created.description')}
        footer={
          <>
            <CopyButton
              value={created.codes.join('\n')}
              label={t('redemptions.created.copyAll', {
                count: created.codes.length,
                n: formatNumber(created.codes.length),
              })}
              variant="outline"
              size="md"
            />
            <Button variant="outline" onClick={() => void download()} loading={downloading}>
              {!downloading && <Download />}
              {t('redemptions.exportCsv')}
            </Button>
            <Button onClick={onClose}>{t('common:actions.done')}</Button>
          </>
        }
      >
        <div className="space-y-3">
          <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <span>
              <span className="text-muted-foreground">{t('redemptions.created.batch')}: </span>
              <span className="font-medium">{created.batch.name}</span>
            </span>
            <span>
              <span className="text-muted-foreground">{t('redemptions.created.value')}: </span>
              <span className="font-medium">
                {created.batch.planId
                  ? t('plansAdmin:redemption.planColumn', { plan: planOf(created.batch) })
                  : formatMoney(created.batch.amount)}
              </span>
            </span>
            {!created.batch.planId && (
              <span>
                <span className="text-muted-foreground">{t('redemptions.created.total')}: </span>
                <span className="font-medium">{formatMoney(created.batch.amount * created.batch.count)}</span>
              </span>
            )}
          </div>
          <ol
            aria-label={t('redemptions.created.listLabel')}
            data-testid="created-codes"
            className="max-h-72 overflow-y-auto rounded-lg border border-border bg-muted/30 p-3 font-mono text-sm"
          >
            {created.codes.slice(0, 500).map((code) => (
              <li key={code} className="py-0.5 select-all">
                {code}
              </li>
            ))}
          </ol>
          {created.codes.length > 500 && (
            <p className="text-xs text-muted-foreground">
              {t('redemptions.created.truncated', { count: created.codes.length - 500 })}
            </p>
          )}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={create.isPending ? () => {} : onClose}
      dismissible={false}
      title={t('redemptions.create.title')}
      description={t('redemptions.create.description')}
      footer={
        <FormFooter
          formId="create-batch"
          saving={create.isPending}
          onCancel={onClose}
          submit={
            <>
              {!create.isPending && <Ticket />}
              {t('redemptions.create.submit')}
            </>
          }
        />
      }
    >
      <form id="create-batch" className="space-y-4" onSubmit={onSubmit} noValidate>
        {formError && <Alert variant="danger">{errorMessage(create.error)}</Alert>}
        <Field label={t('redemptions.create.name')} error={fieldError('name')} required>
          <Input
            value={name}
            maxLength={200}
            placeholder={t('redemptions.create.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
            autoFocus
          />
        </Field>
        <BatchPlanChoice
          grant={grant}
          onGrantChange={setGrant}
          planId={planId}
          onPlanChange={setPlanId}
          plans={plans.data ?? []}
          error={fieldError('planId')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {grant === 'credit' && (
            <Field label={t('redemptions.create.amount')} error={fieldError('amount')} required>
              <Input
                inputMode="decimal"
                leading={<span className="text-sm">$</span>}
                placeholder="10.00"
                value={amountText}
                onChange={(event) => setAmountText(event.target.value)}
              />
            </Field>
          )}
          <Field
            label={t('redemptions.create.count')}
            hint={t('redemptions.create.countHint', { max: formatNumber(MAX_CODES_PER_BATCH) })}
            error={fieldError('count')}
            required
          >
            <Input
              type="number"
              min={1}
              max={MAX_CODES_PER_BATCH}
              inputMode="numeric"
              value={countText}
              onChange={(event) => setCountText(event.target.value)}
            />
          </Field>
        </div>
        <Field
          label={t('redemptions.create.expiry')}
          optional
          hint={t('redemptions.create.expiryHint')}
          error={fieldError('expiresAt')}
        >
          <Input
            type="date"
            min={localDate(Date.now())}
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
          />
        </Field>
        {total !== undefined && total > 0 && (
          <p className="rounded-lg bg-muted/50 px-3 py-2 text-sm text-muted-foreground">
            {t('redemptions.create.summary', {
              count: count ?? 0,
              amount: formatMoney(amount ?? 0),
              total: formatMoney(total),
            })}
          </p>
        )}
        {grant === 'plan' && chosenPlan && count !== undefined && count > 0 && (
          <p className="rounded-lg bg-muted/50 px-3 py-2 text-sm text-muted-foreground">
            {t('plansAdmin:redemption.planSummary', { count, n: formatNumber(count), plan: chosenPlan.name })}
          </p>
        )}
        {create.isPending && (
          <div className="space-y-1.5" aria-live="polite">
            <p className="text-xs text-muted-foreground">
              {t('redemptions.create.progress', { count: formatNumber(count ?? 0) })}
            </p>
            <ProgressBar label={t('redemptions.create.progressLabel')} estimateMs={300 + (count ?? 0) * 0.08} />
          </div>
        )}
      </form>
    </Dialog>
  );
}

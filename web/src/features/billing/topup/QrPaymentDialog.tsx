import { ExternalLink, QrCode } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { QrImage } from '../../../components/QrImage';
import { Alert, Button, buttonClasses, CopyButton, Dialog, Spinner } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { OrderStatusBadge } from './OrderStatusBadge';
import { formatPayAmount } from './order-status';
import { useOrder, useRefreshAfterPayment } from './payment-api';
import { isWebLink } from './payment-handoff';
import type { PaymentOrder } from './payment-types';

export interface QrPaymentDialogProps {
  /** The order as created (its checkout carries the QR text); null: closed. */
  order: PaymentOrder | null;
  onClose: () => void;
  /** Called once when the order is credited (after the balance queries are refreshed). */
  onCredited?: (order: PaymentOrder) => void;
}

/**
 * Pay by scanning: the amount, the QR code (and its text, to copy), the provider's page, and the
 * order's state, polled until it settles.
 */
export function QrPaymentDialog({ order, onClose, onCredited }: QrPaymentDialogProps) {
  const { t, i18n } = useTranslation('payments');
  const live = useOrder(order?.id);
  const current = live.data ?? order;
  const refresh = useRefreshAfterPayment();
  const reported = useRef<string | null>(null);

  useEffect(() => {
    if (current?.status !== 'credited' || reported.current === current.id) return;
    reported.current = current.id;
    void refresh().then(() => onCredited?.(current));
  }, [current, refresh, onCredited]);

  if (!order || !current) return null;
  const qrCode = order.checkout?.qrCode ?? '';
  const pageUrl = order.checkout?.url ?? (isWebLink(qrCode) ? qrCode : undefined);
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('qr.title')}
      description={t(`qr.description.${order.method}`)}
      size="sm"
      footer={
        <Button variant={current.status === 'credited' ? 'primary' : 'outline'} onClick={onClose}>
          {current.status === 'credited' ? t('qr.done') : t('qr.close')}
        </Button>
      }
    >
      <div className="space-y-4" data-testid="qr-payment">
        <div className="flex items-baseline justify-between gap-3">
          <span className="text-sm text-muted-foreground">{t('qr.amount')}</span>
          <span className="text-2xl font-semibold tabular-nums">
            {formatPayAmount(current.payAmount, current.currency, locale)}
          </span>
        </div>
        <div className="flex items-center justify-between gap-3 text-sm">
          <span className="text-muted-foreground">{t('qr.credit')}</span>
          <MoneyText units={current.creditAmount} digits={2} />
        </div>
        {qrCode && <QrImage text={qrCode} label={t('qr.imageLabel')} className="mx-auto size-52 rounded-md" />}
        <div className="space-y-2 rounded-lg border border-dashed border-border p-3">
          <div className="flex items-center gap-2 text-xs text-muted-foreground">
            <QrCode className="size-4" aria-hidden />
            {t('qr.payload')}
          </div>
          <p className="font-mono text-xs break-all" data-testid="qr-payload">
            {qrCode}
          </p>
          <CopyButton value={qrCode} size="sm" variant="outline" />
        </div>
        {pageUrl && (
          <a
            href={pageUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClasses('primary', 'md', 'w-full')}
          >
            <ExternalLink className="size-4" aria-hidden />
            {t('qr.openPage')}
          </a>
        )}
        <div className="flex items-center justify-between gap-3 border-t border-border pt-3 text-sm" aria-live="polite">
          <span className="flex items-center gap-2 text-muted-foreground">
            {current.status === 'created' && <Spinner className="size-4" />}
            {current.status === 'created' ? t('qr.waiting') : t('qr.state')}
          </span>
          <OrderStatusBadge status={current.status} />
        </div>
        {current.status === 'credited' && (
          <Alert variant="success">
            {t('qr.credited', { amount: formatMoney(current.creditAmount, { digits: 2 }) })}
          </Alert>
        )}
        {(current.status === 'expired' || current.status === 'failed') && (
          <Alert variant="danger">{t(`banner.${current.status}`)}</Alert>
        )}
      </div>
    </Dialog>
  );
}

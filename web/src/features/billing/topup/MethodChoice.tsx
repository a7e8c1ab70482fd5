import { useTranslation } from 'react-i18next';
import { SegmentedControl } from '../../../components/ui';
import type { PaymentMethod } from './payment-types';

export interface MethodChoiceProps<Value extends string> {
  methods: readonly Value[];
  value: Value | undefined;
  onChange: (method: Value) => void;
}

/** The payment methods offered, side by side (with `balance` when a plan can be paid from it). */
export function MethodChoice<Value extends PaymentMethod | 'balance'>({
  methods,
  value,
  onChange,
}: MethodChoiceProps<Value>) {
  const { t } = useTranslation('payments');
  if (methods.length === 0) return null;
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium">{t('method.label')}</p>
      <SegmentedControl
        options={methods.map((method) => ({ value: method, label: t(`method.${method}`) }))}
        value={value ?? ('' as Value)}
        onChange={onChange}
        label={t('method.label')}
        className="flex w-full flex-wrap [&>button]:flex-1"
      />
    </div>
  );
}

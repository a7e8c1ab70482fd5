import { Archive, ArchiveRestore, CalendarClock, Gift, ListChecks, MoreHorizontal, Pencil } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Button, DropdownMenu, MenuItem, MenuSeparator, Table, type TableColumn } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import type { Plan } from './api';
import { AllowanceList, ModelChips, PeriodText, PlanStatusBadge } from './PlanTerms';

export interface PlanActions {
  onEdit: (plan: Plan) => void;
  onArchive: (plan: Plan) => void;
  onRestore: (plan: Plan) => void;
  onGrant: (plan: Plan) => void;
  onShowSubscriptions: (plan: Plan) => void;
}

export interface PlansTableProps extends PlanActions {
  plans: Plan[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Active subscribers per plan id; undefined while unknown. */
  subscribers: Map<string, number> | undefined;
  subscribersHint: string;
  emptyAction: ReactNode;
}

/** Every plan, archived ones included, with its terms and the operator's actions. */
export function PlansTable({
  plans,
  loading,
  error,
  onRetry,
  subscribers,
  subscribersHint,
  emptyAction,
  ...actions
}: PlansTableProps) {
  const { t } = useTranslation('plansAdmin');
  const columns: TableColumn<Plan>[] = [
    {
      key: 'name',
      header: t('columns.name'),
      cell: (plan) => (
        <div className="min-w-0 max-w-64">
          <p className="truncate font-medium">{plan.name}</p>
          {plan.description && <p className="truncate text-xs text-muted-foreground">{plan.description}</p>}
          <p className="truncate font-mono text-xs text-muted-foreground">{plan.id}</p>
        </div>
      ),
    },
    {
      key: 'price',
      header: t('columns.price'),
      cell: (plan) => (
        <div className="whitespace-nowrap">
          <MoneyText units={plan.price} />
          <p className="text-xs text-muted-foreground">
            <PeriodText period={plan.period} />
          </p>
        </div>
      ),
    },
    {
      key: 'models',
      header: t('columns.models'),
      cell: (plan) => <ModelChips models={plan.models} />,
      className: 'hidden md:table-cell',
    },
    {
      key: 'allowances',
      header: t('columns.allowances'),
      cell: (plan) => <AllowanceList plan={plan} />,
      className: 'hidden sm:table-cell',
    },
    {
      key: 'subscribers',
      header: <span title={subscribersHint}>{t('columns.subscribers')}</span>,
      align: 'right',
      cell: (plan) => (
        <span className="tabular-nums" title={subscribersHint}>
          {subscribers ? formatNumber(subscribers.get(plan.id) ?? 0) : '—'}
        </span>
      ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'status',
      header: t('columns.status'),
      cell: (plan) => <PlanStatusBadge status={plan.status} />,
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('columns.actions')}</span>,
      align: 'right',
      className: 'w-12',
      cell: (plan) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: only stops the row's click handler.
        <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
          <DropdownMenu
            trigger={(props) => (
              <Button {...props} variant="ghost" size="icon-sm" aria-label={t('actionsFor', { name: plan.name })}>
                <MoreHorizontal />
              </Button>
            )}
          >
            <MenuItem icon={<Pencil />} onSelect={() => actions.onEdit(plan)}>
              {t('actions.edit')}
            </MenuItem>
            {plan.status === 'active' && (
              <MenuItem icon={<Gift />} onSelect={() => actions.onGrant(plan)}>
                {t('actions.grant')}
              </MenuItem>
            )}
            <MenuItem icon={<ListChecks />} onSelect={() => actions.onShowSubscriptions(plan)}>
              {t('actions.subscriptions')}
            </MenuItem>
            <MenuSeparator />
            {plan.status === 'active' ? (
              <MenuItem icon={<Archive />} danger onSelect={() => actions.onArchive(plan)}>
                {t('actions.archive')}
              </MenuItem>
            ) : (
              <MenuItem icon={<ArchiveRestore />} onSelect={() => actions.onRestore(plan)}>
                {t('actions.restore')}
              </MenuItem>
            )}
          </DropdownMenu>
        </div>
      ),
    },
  ];

  return (
    <Table
      label={t('tableLabel')}
      className="relative"
      columns={columns}
      rows={plans}
      rowKey={(plan) => plan.id}
      loading={loading}
      error={error}
      onRetry={onRetry}
      onRowClick={actions.onEdit}
      empty={{
        icon: CalendarClock,
        title: t('empty.title'),
        description: t('empty.description'),
        action: emptyAction,
      }}
    />
  );
}

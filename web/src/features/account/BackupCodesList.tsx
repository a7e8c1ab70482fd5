import { useTranslation } from 'react-i18next';
import { Alert, CopyButton } from '../../components/ui';

/** Backup codes, shown once after enrolment or regeneration. */
export function BackupCodesList({ codes }: { codes: string[] }) {
  const { t } = useTranslation('account');
  return (
    <div className="space-y-3">
      <Alert variant="warning">{t('mfa.backupCodesOnce')}</Alert>
      <div className="flex items-start gap-2">
        <ul
          className="grid flex-1 grid-cols-2 gap-2 rounded-md border border-border p-3 font-mono text-sm"
          data-testid="backup-codes"
        >
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <CopyButton value={codes.join('\n')} />
      </div>
    </div>
  );
}

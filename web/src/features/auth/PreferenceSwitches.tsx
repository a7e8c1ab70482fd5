import { Monitor, Moon, Sun } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../app/theme';
import { SegmentedControl } from '../../components/ui';
import { LANGUAGES, type LanguageCode } from '../../lib/i18n';

/** Language and theme, for pages without the top bar (login, sign-up). */
export function PreferenceSwitches() {
  const { t, i18n } = useTranslation();
  const { theme, setTheme } = useTheme();
  return (
    <div className="flex items-center gap-2">
      <SegmentedControl
        label={t('topbar.language')}
        size="sm"
        value={(i18n.resolvedLanguage === 'zh' ? 'zh' : 'en') as LanguageCode}
        onChange={(code) => void i18n.changeLanguage(code)}
        options={LANGUAGES.map((language) => ({ value: language.code, label: language.label }))}
      />
      <SegmentedControl
        label={t('topbar.theme')}
        size="sm"
        value={theme}
        onChange={setTheme}
        options={[
          { value: 'light', label: t('theme.light'), icon: Sun, iconOnly: true },
          { value: 'dark', label: t('theme.dark'), icon: Moon, iconOnly: true },
          { value: 'system', label: t('theme.system'), icon: Monitor, iconOnly: true },
        ]}
      />
    </div>
  );
}

import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import enAccount from '../locales/en/account.json';
import enAdmin from '../locales/en/admin.json';
import enAuth from '../locales/en/auth.json';
import enBilling from '../locales/en/billing.json';
import enChannels from '../locales/en/channels.json';
import enCommon from '../locales/en/common.json';
import enKeys from '../locales/en/keys.json';
import enMail from '../locales/en/mail.json';
import enManage from '../locales/en/manage.json';
import enMedia from '../locales/en/media.json';
import enModels from '../locales/en/models.json';
import enOAuth from '../locales/en/oauth.json';
import enPayments from '../locales/en/payments.json';
import enPaymentsAdmin from '../locales/en/payments-admin.json';
import enPlans from '../locales/en/plans.json';
import enPlansAdmin from '../locales/en/plansAdmin.json';
import enPlayground from '../locales/en/playground.json';
import enPresets from '../locales/en/presets.json';
import enRecipes from '../locales/en/recipes.json';
import enSite from '../locales/en/site.json';
import enUsage from '../locales/en/usage.json';
import zhAccount from '../locales/zh/account.json';
import zhAdmin from '../locales/zh/admin.json';
import zhAuth from '../locales/zh/auth.json';
import zhBilling from '../locales/zh/billing.json';
import zhChannels from '../locales/zh/channels.json';
import zhCommon from '../locales/zh/common.json';
import zhKeys from '../locales/zh/keys.json';
import zhMail from '../locales/zh/mail.json';
import zhManage from '../locales/zh/manage.json';
import zhMedia from '../locales/zh/media.json';
import zhModels from '../locales/zh/models.json';
import zhOAuth from '../locales/zh/oauth.json';
import zhPayments from '../locales/zh/payments.json';
import zhPaymentsAdmin from '../locales/zh/payments-admin.json';
import zhPlans from '../locales/zh/plans.json';
import zhPlansAdmin from '../locales/zh/plansAdmin.json';
import zhPlayground from '../locales/zh/playground.json';
import zhPresets from '../locales/zh/presets.json';
import zhRecipes from '../locales/zh/recipes.json';
import zhSite from '../locales/zh/site.json';
import zhUsage from '../locales/zh/usage.json';

/**
 * Two languages, one JSON file per area and language (`locales/{en,zh}/<namespace>.json`).
 * English is the reference: keys are typed from it (see i18next.d.ts), Chinese must have the same
 * keys. The language is detected from the browser on the first visit, then remembered.
 */
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    account: enAccount,
    playground: enPlayground,
    keys: enKeys,
    usage: enUsage,
    models: enModels,
    billing: enBilling,
    admin: enAdmin,
    channels: enChannels,
    manage: enManage,
    recipes: enRecipes,
    media: enMedia,
    plansAdmin: enPlansAdmin,
    payments: enPayments,
    plans: enPlans,
    paymentsAdmin: enPaymentsAdmin,
    oauth: enOAuth,
    site: enSite,
    mail: enMail,
    presets: enPresets,
  },
  zh: {
    common: zhCommon,
    auth: zhAuth,
    account: zhAccount,
    playground: zhPlayground,
    keys: zhKeys,
    usage: zhUsage,
    models: zhModels,
    billing: zhBilling,
    admin: zhAdmin,
    channels: zhChannels,
    manage: zhManage,
    recipes: zhRecipes,
    media: zhMedia,
    plansAdmin: zhPlansAdmin,
    payments: zhPayments,
    plans: zhPlans,
    paymentsAdmin: zhPaymentsAdmin,
    oauth: zhOAuth,
    site: zhSite,
    mail: zhMail,
    presets: zhPresets,
  },
} as const;

export const LANGUAGES = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'zh', label: '中文', htmlLang: 'zh-CN' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_STORAGE_KEY = 'aihub.lang';

i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
  });

function syncHtmlLang(language: string | undefined): void {
  if (typeof document === 'undefined') return; // unit tests run without a DOM
  const entry = LANGUAGES.find((item) => item.code === language) ?? LANGUAGES[0];
  document.documentElement.lang = entry.htmlLang;
}
syncHtmlLang(i18n.resolvedLanguage);
i18n.on('languageChanged', () => syncHtmlLang(i18n.resolvedLanguage));

/** The current language, `en` or `zh`. */
export function currentLanguage(): LanguageCode {
  return i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
}

export default i18n;

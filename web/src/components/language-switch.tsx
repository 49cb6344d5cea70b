import { Segmented } from 'antd';
import { locales, useLocale, useT, type Locale } from '../i18n/i18n';

export function LanguageSwitch() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}

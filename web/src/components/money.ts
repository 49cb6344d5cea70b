import { useCallback } from 'react';
import type { Rule } from 'antd/es/form';
import { formatCny, formatMoney, isWithinMoneyMax, MONEY_MAX_FEN, MONEY_PATTERN, parseMoneyFen } from '../../../common/money.js';
import { useLocale, type Translate } from '../i18n/i18n';

/** A two-decimal money string of the API ("-12.50" too) as exact integer fen. */
export function exactFenOf(s: string | null | undefined): bigint {
  if (!s) return 0n;
  const v = s.trim();
  return v.startsWith('-') ? -parseMoneyFen(v.slice(1)) : parseMoneyFen(v);
}

/** The same as a number, for comparisons and charts: a report's sum past 2^53 fen comes out rounded. */
export function fenOf(s: string | null | undefined): number {
  return Number(exactFenOf(s));
}

/** Formats an API money string ("1280.50") as CNY in the UI language, exactly at any size. */
export function useMoney() {
  const [locale] = useLocale();
  return useCallback((s: string | number | null | undefined) => (s === null || s === undefined || s === '' ? '' : formatCny(typeof s === 'number' ? s : exactFenOf(s), locale)), [locale]);
}

/** Whether a typed amount is valid money: not negative, at most two decimals, at most MONEY_MAX_FEN. */
export function isMoney(v: string | null | undefined): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v.trim()) && isWithinMoneyMax(v.trim());
}

/** A form rule for money inputs (strings, never floats). */
export function moneyRule(t: Translate, required = false): Rule {
  return {
    validator: (_r, value: string | undefined) => {
      if (value === undefined || value === null || value.trim() === '') return required ? Promise.reject(new Error(t('common.required'))) : Promise.resolve();
      if (isMoney(value)) return Promise.resolve();
      const tooLarge = MONEY_PATTERN.test(value.trim());
      return Promise.reject(new Error(tooLarge ? t('money.tooLarge', { max: formatMoney(MONEY_MAX_FEN) }) : t('money.invalid')));
    },
  };
}

/** A money string as the API wants it: trimmed, always two decimals. */
export function moneyInput(v: string | undefined | null): string | undefined {
  if (v === undefined || v === null || v.trim() === '') return undefined;
  return formatMoney(parseMoneyFen(v.trim()));
}

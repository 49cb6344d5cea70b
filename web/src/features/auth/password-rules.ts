import type { FormRule } from 'antd';
import type { Translate } from '../../i18n/i18n';

/** The client-side mirror of the server's password rule (at least 8 characters). */
export function passwordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('common.required') },
    { min: 8, message: t('common.passwordTooShort') },
  ];
}

/** The confirmation field must equal `field`. */
export function confirmRule(t: Translate, field: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: unknown) =>
      !value || getFieldValue(field) === value ? Promise.resolve() : Promise.reject(new Error(t('common.passwordMismatch'))),
  });
}

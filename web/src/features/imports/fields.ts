import { contactImportFields, customerImportFields, MAX_IMPORT_CONTACTS, type ContactImportField } from '../../../../common/schemas/imports.js';
import type { ImportField } from '../../api/types';
import type { MessageKey, Translate } from '../../i18n/i18n';

/** Without these a row cannot become a customer. */
export const requiredFields: readonly ImportField[] = ['name', 'keyword'];

/** The label of a Kehu field a column can be imported as ("联系人2·手机"). */
export function fieldLabel(t: Translate, field: ImportField): string {
  const m = /^contact([1-5])\.(\w+)$/.exec(field);
  if (m) return t(`import.contactField.${m[2] as ContactImportField}` as MessageKey, { n: m[1]! });
  return t(`import.field.${field}` as MessageKey);
}

export interface FieldGroup {
  label: string;
  fields: ImportField[];
}

/** The fields by group: the customer's, then each contact's. The owner column is the administrator's. */
export function fieldGroups(t: Translate, isAdmin: boolean): FieldGroup[] {
  const groups: FieldGroup[] = [
    { label: t('import.group.customer'), fields: customerImportFields.filter((f) => isAdmin || f !== 'owner') },
  ];
  for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
    groups.push({ label: t('import.group.contact', { n }), fields: contactImportFields.map((f) => `contact${n}.${f}` as ImportField) });
  }
  return groups;
}

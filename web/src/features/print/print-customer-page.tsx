import { useParams } from 'react-router';
import { Alert } from 'antd';
import { errorText } from '../../api/client';
import { useActivities } from '../../api/activities';
import { useContacts } from '../../api/contacts';
import { useCustomer } from '../../api/customers';
import type { FollowUp } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n';
import { PrintFrame, useAutoPrint } from './print-common';

const recentCount = 20;

/** A4 print view of one customer: details, contacts and the recent follow-ups. */
export function PrintCustomerPage() {
  const t = useT();
  const fmt = useDateFormats();
  const { id } = useParams();
  const customer = useCustomer(id);
  const contacts = useContacts(id);
  const followUps = useActivities(id, 'followup', recentCount);
  const ready = customer.isSuccess && contacts.isSuccess && followUps.isSuccess;
  useAutoPrint(ready);

  const error = customer.error ?? contacts.error ?? followUps.error;
  if (error) return <Alert type="error" showIcon style={{ margin: 24 }} title={t('print.loadFailed', { reason: errorText(error) })} />;
  if (!ready) return <Loading />;
  const c = customer.data;
  const fus = (followUps.data.pages[0]?.items ?? []).filter((a): a is FollowUp => a.kind === 'followup');
  const contactRows = contacts.data.items;

  const details: [string, string][] = [
    [t('field.keyword'), c.keyword],
    [t('field.status'), c.statusName],
    [t('field.owner'), c.ownerName],
    [t('field.createdOn'), fmt.date(c.createdOn)],
    [t('field.industry'), c.industry],
    [t('field.source'), c.source],
    [t('field.region'), c.region],
    [t('field.phone'), c.phone],
    [t('field.website'), c.website],
    [t('field.address'), c.address],
  ];
  const pairs: [string, string][][] = [];
  for (let i = 0; i < details.length; i += 2) pairs.push(details.slice(i, i + 2));

  return (
    <PrintFrame title={`${t('print.customerTitle')}：${c.name}`} testId="print-customer">
      <table className="kehu-print-details">
        <tbody>
          <tr>
            <th>{t('field.customerName')}</th>
            <td colSpan={3}>{c.name}</td>
          </tr>
          {pairs.map((row) => (
            <tr key={row[0]?.[0]}>
              {row.map(([label, value]) => [
                <th key={`${label}-l`}>{label}</th>,
                <td key={`${label}-v`} colSpan={row.length === 1 ? 3 : 1}>
                  {value}
                </td>,
              ])}
            </tr>
          ))}
          <tr>
            <th>{t('field.notes')}</th>
            <td colSpan={3} className="kehu-print-pre">
              {c.notes}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>{t('print.contacts')}</h2>
      {contactRows.length === 0 ? (
        <p>{t('print.noContacts')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '14%' }}>{t('contact.name')}</th>
              <th style={{ width: '12%' }}>{t('contact.title')}</th>
              <th style={{ width: '15%' }}>{t('contact.mobile')}</th>
              <th style={{ width: '15%' }}>{t('contact.phone')}</th>
              <th style={{ width: '20%' }}>{t('contact.email')}</th>
              <th style={{ width: '12%' }}>{t('contact.wechat')}</th>
              <th style={{ width: '12%' }}>{t('contact.qq')}</th>
            </tr>
          </thead>
          <tbody>
            {contactRows.map((k) => (
              <tr key={k.id}>
                <td>
                  {k.name}
                  {k.isPrimary ? `（${t('contact.primary')}）` : ''}
                </td>
                <td>{k.title}</td>
                <td>{k.mobile}</td>
                <td>{k.phone}</td>
                <td>{k.email}</td>
                <td>{k.wechat}</td>
                <td>{k.qq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('print.recentFollowUps', { count: recentCount })}</h2>
      {fus.length === 0 ? (
        <p>{t('print.noFollowUps')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '15%' }}>{t('followup.occurredOn')}</th>
              <th style={{ width: '9%' }}>{t('followup.method')}</th>
              <th>{t('followup.content')}</th>
              <th style={{ width: '15%' }}>{t('followup.nextFollowUpOn')}</th>
              <th style={{ width: '11%' }}>{t('followup.author')}</th>
            </tr>
          </thead>
          <tbody>
            {fus.map((f) => (
              <tr key={f.id}>
                <td>{fmt.date(f.occurredOn)}</td>
                <td>{f.method ? t.known('followup.method', f.method) : ''}</td>
                <td className="kehu-print-pre">{f.content}</td>
                <td>{fmt.date(f.nextFollowUpOn)}</td>
                <td>{f.actorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PrintFrame>
  );
}

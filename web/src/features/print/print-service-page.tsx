import { useParams } from 'react-router';
import { Alert } from 'antd';
import { errorText } from '../../api/client';
import { useDeskItem } from '../../api/service-requests';
import { useDateFormats } from '../../components/dates';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n';
import { formatMinutes } from '../service-requests/service-format';
import { PrintFrame, useAutoPrint } from './print-common';
import './print-service.css';

/**
 * A4 service report (服务报告) of one request: customer, contact, product, problem, resolution,
 * time spent, and signature lines for the customer and the engineer. Read through the service
 * desk, so the assigned staff member can print it too.
 */
export function PrintServicePage() {
  const t = useT();
  const fmt = useDateFormats();
  const { srid } = useParams();
  const item = useDeskItem(srid);
  useAutoPrint(item.isSuccess);

  if (item.error) return <Alert type="error" showIcon style={{ margin: 24 }} title={t('print.loadFailed', { reason: errorText(item.error) })} />;
  if (!item.data) return <Loading />;
  const { request: r, customer, contacts } = item.data;
  const contact = contacts.find((c) => c.id === r.contactId) ?? contacts.find((c) => c.isPrimary) ?? null;
  const phone = contact ? [contact.mobile, contact.phone].filter(Boolean).join(' / ') : '';

  return (
    <PrintFrame title={t('printService.title')} testId="print-service">
      <table className="kehu-print-details">
        <tbody>
          <tr>
            <th>{t('printService.number')}</th>
            <td>{`S${r.reportedOn.replace(/-/g, '')}-${r.id}`}</td>
            <th>{t('service.statusLabel')}</th>
            <td>{t.known('service.status', r.status)}</td>
          </tr>
          <tr>
            <th>{t('service.customer')}</th>
            <td colSpan={3} data-testid="print-service-customer">
              {customer.name}
            </td>
          </tr>
          <tr>
            <th>{t('service.contact')}</th>
            <td>{contact ? `${contact.name}${contact.title ? `（${contact.title}）` : ''}` : ''}</td>
            <th>{t('printService.phone')}</th>
            <td>{phone}</td>
          </tr>
          <tr>
            <th>{t('service.product')}</th>
            <td colSpan={3}>{r.productName}</td>
          </tr>
          <tr>
            <th>{t('service.reportedOn')}</th>
            <td>{fmt.date(r.reportedOn)}</td>
            <th>{t('service.channelLabel')}</th>
            <td>{r.channel ? t.known('service.channel', r.channel) : ''}</td>
          </tr>
          <tr>
            <th>{t('service.priorityLabel')}</th>
            <td>{t.known('service.priority', r.priority)}</td>
            <th>{t('printService.engineer')}</th>
            <td>{r.assigneeName}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('printService.problem')}</h2>
      <p className="kehu-print-pre" data-testid="print-service-problem">
        <strong>{r.title}</strong>
        {r.description ? `\n${r.description}` : ''}
      </p>

      <h2>{t('service.resolution')}</h2>
      <p className="kehu-print-pre" data-testid="print-service-resolution">
        {r.resolution || t('printService.noResolution')}
      </p>
      <table className="kehu-print-details">
        <tbody>
          <tr>
            <th>{t('service.timeSpent')}</th>
            <td data-testid="print-service-time">{formatMinutes(t, r.timeSpentMinutes) || '—'}</td>
            <th>{t('service.lastProgress')}</th>
            <td>{fmt.dateTime(r.lastProgressAt)}</td>
          </tr>
        </tbody>
      </table>

      <div className="kehu-service-signatures">
        <div>
          <div>{t('printService.customerSign')}</div>
          <div className="kehu-service-sign-line">{t('printService.signature')}</div>
          <div className="kehu-service-sign-line">{t('printService.date')}</div>
        </div>
        <div>
          <div>{t('printService.engineerSign')}</div>
          <div className="kehu-service-sign-line">{t('printService.signature')}</div>
          <div className="kehu-service-sign-line">{t('printService.date')}</div>
        </div>
      </div>
    </PrintFrame>
  );
}

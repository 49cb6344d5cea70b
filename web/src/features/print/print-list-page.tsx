import { useSearchParams } from 'react-router';
import { Alert } from 'antd';
import { errorText } from '../../api/client';
import { useCustomerList, useOwnerCandidates, useStatuses } from '../../api/customers';
import { useMe } from '../../api/session';
import type { CustomerListParams } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n';
import { PrintFrame, useAutoPrint } from './print-common';

const maxRows = 500;
type SortField = NonNullable<CustomerListParams['sort']>;
const sorts: readonly string[] = ['name', 'createdOn', 'updatedAt', 'id'];

/** A4 print view of the customer list under the filter of the customer screen (first 500 rows). */
export function PrintListPage() {
  const t = useT();
  const fmt = useDateFormats();
  const me = useMe().data;
  const [search] = useSearchParams();
  const sort = search.get('sort');
  const params: CustomerListParams = {
    page: 1,
    pageSize: maxRows,
    statusId: search.get('statusId') ?? undefined,
    ownerId: search.get('ownerId') ?? undefined,
    q: search.get('q') ?? undefined,
    sort: sort && sorts.includes(sort) ? (sort as SortField) : 'createdOn',
    order: search.get('order') === 'asc' ? 'asc' : 'desc',
  };
  const list = useCustomerList(params);
  const statuses = useStatuses();
  const owners = useOwnerCandidates(me?.role === 'admin' && !!params.ownerId);
  const ready = list.isSuccess && statuses.isSuccess && (!params.ownerId || me?.role !== 'admin' || owners.isSuccess);
  useAutoPrint(ready);

  if (list.error) return <Alert type="error" showIcon style={{ margin: 24 }} title={t('print.loadFailed', { reason: errorText(list.error) })} />;
  if (!ready) return <Loading />;

  const filters: string[] = [];
  if (params.statusId) filters.push(t('print.filter.status', { name: statuses.data.find((s) => s.id === params.statusId)?.name ?? params.statusId }));
  if (params.ownerId) filters.push(t('print.filter.owner', { name: owners.data?.find((u) => u.id === params.ownerId)?.displayName ?? params.ownerId }));
  if (params.q) filters.push(t('print.filter.q', { q: params.q }));
  const rows = list.data.items;
  const total = list.data.total;

  return (
    <PrintFrame title={t('print.listTitle')} testId="print-list">
      <div className="kehu-print-meta">{t('print.filters', { text: filters.length ? filters.join('，') : t('print.filter.none') })}</div>
      <div className="kehu-print-note" data-testid="print-count">
        {total > rows.length ? t('print.truncated', { total, count: rows.length }) : t('print.count', { total })}
      </div>
      <table>
        <thead>
          <tr>
            <th style={{ width: '5%' }}>#</th>
            <th>{t('field.customerName')}</th>
            <th style={{ width: '10%' }}>{t('field.keyword')}</th>
            <th style={{ width: '11%' }}>{t('field.status')}</th>
            <th style={{ width: '12%' }}>{t('field.owner')}</th>
            <th style={{ width: '15%' }}>{t('field.phone')}</th>
            <th style={{ width: '10%' }}>{t('field.region')}</th>
            <th style={{ width: '14%' }}>{t('field.createdOn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr key={c.id}>
              <td>{i + 1}</td>
              <td>{c.name}</td>
              <td>{c.keyword}</td>
              <td>{c.statusName}</td>
              <td>{c.ownerName}</td>
              <td>{c.phone}</td>
              <td>{c.region}</td>
              <td>{fmt.date(c.createdOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintFrame>
  );
}

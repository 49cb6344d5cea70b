import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Descriptions, Empty, Spin, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Customer } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useT } from '../../i18n/i18n';

// The record tabs (date pickers, forms) load when first opened, not with the list.
const ContactsTab = lazy(() => import('../contacts/contacts-tab').then((m) => ({ default: m.ContactsTab })));
const ActivitiesTab = lazy(() => import('../activities/activities-tab').then((m) => ({ default: m.ActivitiesTab })));
const CustomerDelegationsTab = lazy(() => import('../delegations/customer-delegations-tab').then((m) => ({ default: m.CustomerDelegationsTab })));
const QuotesTab = lazy(() => import('../quotes/quotes-tab').then((m) => ({ default: m.QuotesTab })));
const PurchasesTab = lazy(() => import('../purchases/purchases-tab').then((m) => ({ default: m.PurchasesTab })));
const FeesTab = lazy(() => import('../purchases/fees-tab').then((m) => ({ default: m.FeesTab })));
const ServiceTab = lazy(() => import('../service-requests/service-tab').then((m) => ({ default: m.ServiceTab })));

/** The tab area under the list: the selected customer's details and records. */
export function CustomerDetail({ selected, onEdit }: { selected: Customer | null; onEdit: (customer: Customer) => void }) {
  const t = useT();
  const [tab, setTab] = useState('details');
  return (
    <Tabs
      className="kehu-customer-tabs"
      type="card"
      size="small"
      data-testid="customer-tabs"
      tabBarExtraContent={
        <Button size="small" icon={<EditOutlined />} disabled={!selected} onClick={() => selected && onEdit(selected)} data-testid="customer-edit">
          {t('customer.edit')}
        </Button>
      }
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'details', label: t('customer.tab.details'), children: <CustomerDetails customer={selected} /> },
        { key: 'contacts', label: <span data-testid="tab-contacts">{t('customer.tab.contacts')}</span>, children: selected ? <LazyTab><ContactsTab customer={selected} /></LazyTab> : <NoSelection /> },
        {
          key: 'activities',
          label: <span data-testid="tab-activities">{t('customer.tab.activities')}</span>,
          children: selected ? <LazyTab><ActivitiesTab customer={selected} /></LazyTab> : <NoSelection />,
        },
        {
          key: 'quotes',
          label: <span data-testid="tab-quotes">{t('customer.tab.quotes')}</span>,
          children: selected ? <LazyTab><QuotesTab customer={selected} /></LazyTab> : <NoSelection />,
        },
        {
          key: 'purchases',
          label: <span data-testid="tab-purchases">{t('customer.tab.purchases')}</span>,
          children: selected ? <LazyTab><PurchasesTab customer={selected} /></LazyTab> : <NoSelection />,
        },
        {
          key: 'fees',
          label: <span data-testid="tab-fees">{t('customer.tab.fees')}</span>,
          children: selected ? <LazyTab><FeesTab customer={selected} /></LazyTab> : <NoSelection />,
        },
        {
          key: 'service',
          label: <span data-testid="tab-service">{t('customer.tab.service')}</span>,
          children: selected ? <LazyTab><ServiceTab customer={selected} /></LazyTab> : <NoSelection />,
        },
        {
          key: 'delegations',
          label: <span data-testid="tab-delegations">{t('customer.tab.delegations')}</span>,
          children: selected ? <LazyTab><CustomerDelegationsTab customer={selected} /></LazyTab> : <NoSelection />,
        },
      ]}
    />
  );
}

function LazyTab({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin size="small" style={{ display: 'block', margin: '16px auto' }} />}>{children}</Suspense>;
}

function NoSelection() {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noSelection')} style={{ margin: '8px 0' }} />;
}

function CustomerDetails({ customer }: { customer: Customer | null }) {
  const t = useT();
  const fmt = useDateFormats();
  if (!customer) return <NoSelection />;
  return (
    <Descriptions
      data-testid="customer-details"
      size="small"
      bordered
      column={3}
      items={[
        { key: 'name', label: t('field.customerName'), children: customer.name, span: 2 },
        { key: 'keyword', label: t('field.keyword'), children: customer.keyword },
        { key: 'status', label: t('field.status'), children: customer.statusName },
        { key: 'owner', label: t('field.owner'), children: customer.ownerName },
        { key: 'createdOn', label: t('field.createdOn'), children: fmt.date(customer.createdOn) },
        { key: 'industry', label: t('field.industry'), children: customer.industry },
        { key: 'source', label: t('field.source'), children: customer.source },
        { key: 'region', label: t('field.region'), children: customer.region },
        { key: 'phone', label: t('field.phone'), children: customer.phone },
        { key: 'website', label: t('field.website'), children: customer.website, span: 2 },
        { key: 'address', label: t('field.address'), children: customer.address, span: 3 },
        { key: 'notes', label: t('field.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{customer.notes}</span>, span: 3 },
        { key: 'updatedAt', label: t('field.updatedAt'), children: fmt.dateTime(customer.updatedAt), span: 3 },
      ]}
    />
  );
}

import { useEffect, type ReactNode } from 'react';
import { Button, Empty, Spin, Tag } from 'antd';
import { Panel } from '../../components/panel';
import { Text, Title } from '../../components/text';
import { AccountBookOutlined, BellOutlined, ContactsOutlined, HistoryOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useDashboard } from '../../api/reports';
import { useMe } from '../../api/session';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { formatLogAction } from '../audit/audit-format';

const customerLink = (id: string) => `/customers?id=${encodeURIComponent(id)}`;

function DashCard({ title, icon, extra, testId, children }: { title: string; icon: ReactNode; extra?: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Panel
      size="small"
      data-testid={testId}
      className="kehu-dash-card"
      title={
        <span>
          {icon} {title}
        </span>
      }
      extra={extra}
    >
      {children}
    </Panel>
  );
}

function DashList<T>({ loading, dataSource, emptyText, renderItem }: { loading: boolean; dataSource: T[]; emptyText: ReactNode; renderItem: (item: T) => ReactNode }) {
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (dataSource.length === 0) return emptyText;
  return <ul className="kehu-dash-list">{dataSource.map((item, i) => <li key={i}>{renderItem(item)}</li>)}</ul>;
}

function DashItem({ extra, children }: { extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="kehu-dash-item">
      {children}
      {extra && <div className="kehu-dash-extra">{extra}</div>}
    </div>
  );
}

/** The home page of administrators and salespeople: what needs doing today, one click from each customer. */
export function DashboardPage() {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const navigate = useNavigate();
  const { report } = useMessages();
  const me = useMe().data;
  const dash = useDashboard();

  useEffect(() => {
    if (dash.error) report({ type: 'error', text: t('dashboard.loadFailed', { reason: errorText(dash.error) }) });
  }, [dash.error, report, t]);

  const d = dash.data;
  const more = (to: string, testId: string) => (
    <Link to={to} data-testid={testId}>
      {t('dashboard.more')}
    </Link>
  );
  const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '12px 0' }} />;

  return (
    <div data-testid="dashboard" className="kehu-dashboard">
      <div className="kehu-tab-toolbar">
        <Title style={{ margin: 0 }} data-testid="dashboard-welcome">
          {t('home.welcome', { name: me?.displayName ?? '' })}
        </Title>
        <div style={{ flex: 1 }} />
        <Button type="primary" icon={<ContactsOutlined />} onClick={() => void navigate('/customers')} data-testid="dashboard-customers">
          {t('dashboard.openCustomers')}
        </Button>
      </div>
      <div className="kehu-dash-grid">
        <DashCard
          testId="dash-followups"
          icon={<ScheduleOutlined />}
          title={t('dashboard.followUps', { count: d?.followUpsDue.count ?? 0 })}
          extra={more('/followups', 'dash-followups-more')}
        >
          <DashList
            loading={dash.isPending}
            dataSource={d?.followUpsDue.items ?? []}
            emptyText={empty(t('dashboard.noFollowUps'))}
            renderItem={(r) => (
              <DashItem extra={r.overdueDays > 0 ? <Tag color="red">{t('due.overdueDays', { days: r.overdueDays })}</Tag> : <Tag color="orange">{t('due.today')}</Tag>}>
                <div className="kehu-dash-main">
                  <Link to={customerLink(r.customerId)} className="kehu-dash-link">
                    {r.customerName}
                  </Link>
                  <Text type="secondary">{fmt.date(r.nextFollowUpOn)}</Text>
                </div>
              </DashItem>
            )}
          />
        </DashCard>
        <DashCard
          testId="dash-fees"
          icon={<BellOutlined />}
          title={t('dashboard.fees', { count: d?.feesDue.count ?? 0, amount: money(d?.feesDue.total ?? '0') })}
          extra={more('/reports/annual-fees', 'dash-fees-more')}
        >
          <DashList
            loading={dash.isPending}
            dataSource={d?.feesDue.items ?? []}
            emptyText={empty(t('dashboard.noFees'))}
            renderItem={(r) => (
              <DashItem
                extra={r.overdueDays > 0 ? <Tag color="red">{t('report.overdueDays', { days: r.overdueDays })}</Tag> : <Tag color="blue">{fmt.date(r.dueOn)}</Tag>}
              >
                <div className="kehu-dash-main">
                  <Link to={customerLink(r.customerId)} className="kehu-dash-link">
                    {r.customerName}
                  </Link>
                  <Text type="secondary" ellipsis>
                    {r.productName} · {money(r.annualFee)}
                  </Text>
                </div>
              </DashItem>
            )}
          />
        </DashCard>
        <DashCard
          testId="dash-arrears"
          icon={<AccountBookOutlined />}
          title={t('dashboard.arrears', { amount: money(d?.topArrears.owedAmount ?? '0') })}
          extra={more('/reports/arrears', 'dash-arrears-more')}
        >
          <DashList
            loading={dash.isPending}
            dataSource={d?.topArrears.items ?? []}
            emptyText={empty(t('dashboard.noArrears'))}
            renderItem={(r) => (
              <DashItem extra={<Text type="danger">{money(r.owedAmount)}</Text>}>
                <div className="kehu-dash-main">
                  <Link to={customerLink(r.customerId)} className="kehu-dash-link">
                    {r.customerName}
                  </Link>
                  <Text type="secondary">{t('dashboard.since', { date: fmt.date(r.oldestUnpaidOn) })}</Text>
                </div>
              </DashItem>
            )}
          />
        </DashCard>
        <DashCard testId="dash-recent" icon={<HistoryOutlined />} title={t('dashboard.recent')}>
          <DashList
            loading={dash.isPending}
            dataSource={d?.recentChanges ?? []}
            emptyText={empty(t('dashboard.noRecent'))}
            renderItem={(r) => (
              <DashItem extra={<Text type="secondary">{fmt.dateTimeShort(r.at)}</Text>}>
                <div className="kehu-dash-main">
                  <Link to={customerLink(r.customerId)} className="kehu-dash-link">
                    {r.customerName}
                  </Link>
                  <Text type="secondary" ellipsis>
                    {r.actorName} · {formatLogAction(t, r.entity, r.action)}
                  </Text>
                </div>
              </DashItem>
            )}
          />
        </DashCard>
      </div>
    </div>
  );
}

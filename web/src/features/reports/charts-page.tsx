import { lazy, Suspense, useEffect } from 'react';
import { Card, Col, Empty, Row, Spin, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { errorText } from '../../api/client';
import { useCharts } from '../../api/reports';
import type { Charts } from '../../api/types';
import { useMessages } from '../../components/messages';
import { fenOf, useMoney } from '../../components/money';
import { useT, type Translate } from '../../i18n/i18n';

// ECharts (a large library) arrives with the first chart, not with the application.
const EChart = lazy(() => import('./echart'));

const buckets = ['d0to30', 'd31to60', 'd61to90', 'over90'] as const;
const yuan = (s: string) => fenOf(s) / 100;

/** The next 12 months from the current one, as `YYYY-MM`. */
function next12Months(): string[] {
  const d = new Date();
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const m = new Date(d.getFullYear(), d.getMonth() + i, 1);
    out.push(`${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function options(data: Charts, t: Translate, money: (fen: number) => string): Record<string, EChartsOption> {
  const fmtYuan = (v: unknown) => money(Math.round(Number(v) * 100));
  const tooltipMoney = { trigger: 'axis' as const, valueFormatter: fmtYuan };
  const months = next12Months();
  const feeByMonth = new Map(data.feesByMonth.map((f) => [f.month, f]));
  const newMonths = [...new Set(data.newCustomersByMonth.map((r) => r.month))].sort();
  const statuses = [...new Set(data.newCustomersByMonth.map((r) => r.statusName))];
  const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
  // Short animations: a chart saved or printed right after opening the page shows its real values.
  const anim = { animationDuration: 300, animationDurationUpdate: 200 };
  return {
    byOwner: {
      ...anim,
      tooltip: tooltipMoney,
      grid,
      xAxis: { type: 'category', data: data.arrearsByOwner.map((r) => r.ownerName) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('charts.owed'), data: data.arrearsByOwner.map((r) => yuan(r.owedAmount)), itemStyle: { color: '#cf1322' }, barMaxWidth: 48 }],
    },
    byAgeing: {
      ...anim,
      tooltip: { trigger: 'item', valueFormatter: fmtYuan },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: buckets.map((b) => ({ name: t.known('report.ageing', b), value: yuan(data.arrearsByAgeing[b]) })),
          color: ['#faad14', '#fa8c16', '#f5222d', '#a8071a'],
        },
      ],
    },
    fees: {
      ...anim,
      tooltip: tooltipMoney,
      grid,
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('charts.feesDue'), data: months.map((m) => yuan(feeByMonth.get(m)?.annualFee ?? '0')), itemStyle: { color: '#1f6feb' }, barMaxWidth: 36 }],
    },
    newCustomers: {
      ...anim,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid,
      xAxis: { type: 'category', data: newMonths },
      yAxis: { type: 'value', minInterval: 1 },
      series: statuses.map((s) => ({
        type: 'bar',
        stack: 'status',
        name: s,
        barMaxWidth: 36,
        data: newMonths.map((m) => data.newCustomersByMonth.find((r) => r.month === m && r.statusName === s)?.count ?? 0),
      })),
    },
    funnel: {
      ...anim,
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          left: '10%',
          width: '80%',
          top: 16,
          bottom: 16,
          sort: 'none',
          minSize: '10%',
          label: { position: 'inside', formatter: '{b} {c}' },
          data: data.funnel.map((f) => ({ name: f.statusName, value: f.count })),
        },
      ],
    },
  };
}

/** 统计图表: arrears by salesperson and by age, annual fees by month, new customers, the status funnel. */
export function ChartsPage() {
  const t = useT();
  const money = useMoney();
  const { report } = useMessages();
  const charts = useCharts();

  useEffect(() => {
    if (charts.error) report({ type: 'error', text: t('report.loadFailed', { reason: errorText(charts.error) }) });
  }, [charts.error, report, t]);

  const data = charts.data;
  const opts = data ? options(data, t, (fen) => money(fen)) : null;
  const cards: { key: string; title: string; file: string; empty: boolean }[] = data
    ? [
        { key: 'byOwner', title: t('charts.byOwner'), file: 'arrears-by-salesperson', empty: data.arrearsByOwner.length === 0 },
        { key: 'byAgeing', title: t('charts.byAgeing'), file: 'arrears-by-age', empty: buckets.every((b) => fenOf(data.arrearsByAgeing[b]) === 0) },
        { key: 'fees', title: t('charts.fees'), file: 'annual-fees-by-month', empty: false },
        { key: 'newCustomers', title: t('charts.newCustomers'), file: 'new-customers-by-month', empty: data.newCustomersByMonth.length === 0 },
        { key: 'funnel', title: t('charts.funnel'), file: 'customer-funnel', empty: data.funnel.length === 0 },
      ]
    : [];

  return (
    <div data-testid="charts-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('charts.title')}
      </Typography.Title>
      {!data ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <Row gutter={[12, 12]}>
          {cards.map((c) => (
            <Col key={c.key} xs={24} xl={12}>
              {c.empty ? (
                <Card size="small" title={c.title}>
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charts.noData')} style={{ height: 260, margin: 0, paddingTop: 80 }} />
                </Card>
              ) : (
                <Suspense
                  fallback={
                    <Card size="small" title={c.title}>
                      <Spin style={{ display: 'block', margin: '110px auto' }} />
                    </Card>
                  }
                >
                  <EChart
                    title={c.title}
                    testId={`chart-${c.key}`}
                      option={opts?.[c.key] ?? {}}
                      fileName={c.file}
                      exportLabel={t('charts.exportPng')}
                      height={260}
                      onExport={(r) =>
                        report(r.ok ? { type: 'success', text: t('charts.exported', { name: c.title }) } : { type: 'error', text: t('charts.exportFailed', { name: c.title, reason: r.reason }) })
                      }
                  />
                </Suspense>
              )}
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

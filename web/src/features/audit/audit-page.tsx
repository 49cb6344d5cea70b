import { useState } from 'react';
import { DatePicker, Select, Space, Table, Typography, type TableProps } from 'antd';
import type { AuditEntry, AuditParams } from '../../api/types';
import { useAuditList } from '../../api/audit';
import { useUserOptions } from '../../api/users';
import { useLocale, useT } from '../../i18n/i18n';
import { formatChange } from './audit-format';

/** Record types the trail knows today; other values still show, untranslated, in the table. */
const knownEntities = ['user', 'customer'] as const;

export function AuditPage() {
  const t = useT();
  const [locale] = useLocale();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 50 });
  const list = useAuditList(params);
  const users = useUserOptions();
  const timeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.col.at'), dataIndex: 'at', key: 'at', width: 190, render: (at: string) => timeFmt.format(new Date(at)) },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      width: 140,
      ellipsis: true,
      // Entries without an actor were written by the system itself (first-run setup, the CLI).
      render: (_: unknown, e: AuditEntry) => (e.actorId === null ? t('audit.actor.system') : e.actorName),
    },
    {
      title: t('audit.col.entity'),
      key: 'entity',
      width: 130,
      render: (_: unknown, e: AuditEntry) => `${t.known('audit.entity', e.entity)} #${e.entityId}`,
    },
    { title: t('audit.col.action'), dataIndex: 'action', key: 'action', width: 120, render: (a: string) => t.known('audit.action', a) },
    {
      title: t('audit.col.changes'),
      key: 'changes',
      render: (_: unknown, e: AuditEntry) => (
        <div>
          {e.changes.map((c) => (
            <div key={c.field}>{formatChange(t, c)}</div>
          ))}
        </div>
      ),
    },
  ];

  return (
    <div data-testid="audit-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filter.actor')}
          style={{ width: 180 }}
          loading={users.isPending}
          options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          onChange={(actorId) => setParams((p) => ({ ...p, actorId, page: 1 }))}
        />
        <Select<string>
          allowClear
          placeholder={t('audit.filter.entity')}
          style={{ width: 140 }}
          options={knownEntities.map((e) => ({ value: e, label: t(`audit.entity.${e}`) }))}
          onChange={(entity) => setParams((p) => ({ ...p, entity, page: 1 }))}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.filter.dates')}
          onChange={(range) =>
            setParams((p) => ({
              ...p,
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
              page: 1,
            }))
          }
        />
      </Space>
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        onChange={(pagination) => setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? p.pageSize }))}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </div>
  );
}

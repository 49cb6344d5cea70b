import { lazy, Suspense, useEffect, useState } from 'react';
import { Dropdown, Spin, type MenuProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { errorText } from '../../api/client';
import { useDeleteStatus, useStatuses, useUpdateStatus } from '../../api/customers';
import type { CustomerStatus } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

// The add/rename dialog (a modal with a form) loads when first opened, not with the list.
const StatusNameDialog = lazy(() => import('./status-name-dialog').then((m) => ({ default: m.StatusNameDialog })));

interface MenuState {
  x: number;
  y: number;
  status: CustomerStatus | null;
}

/** Zone 1: the customer statuses with their counts; selecting one filters the list. */
export function StatusPanel({
  selectedId,
  onSelect,
  onCreateCustomer,
  isAdmin,
}: {
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
  onCreateCustomer: (statusId?: string) => void;
  isAdmin: boolean;
}) {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const statuses = useStatuses();
  const update = useUpdateStatus();
  const remove = useDeleteStatus();
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [naming, setNamingState] = useState<{ status?: CustomerStatus } | null>(null);
  const [namingLoaded, setNamingLoaded] = useState(false);
  const setNaming = (target: { status?: CustomerStatus } | null) => {
    if (target) setNamingLoaded(true);
    setNamingState(target);
  };
  const list = statuses.data ?? [];
  const total = list.reduce((sum, s) => sum + s.customerCount, 0);

  useEffect(() => {
    if (statuses.error) report({ type: 'error', text: t('status.loadFailed', { reason: errorText(statuses.error) }) });
  }, [statuses.error, report, t]);

  const move = async (status: CustomerStatus, delta: -1 | 1) => {
    const index = list.findIndex((s) => s.id === status.id);
    const other = index + delta;
    if (index < 0 || other < 0 || other >= list.length) return;
    const reordered = [...list];
    [reordered[index], reordered[other]] = [reordered[other] as CustomerStatus, reordered[index] as CustomerStatus];
    // Renumber in steps of 10 so that equal sort orders cannot keep two statuses in place.
    const changes = reordered.map((s, i) => ({ s, sortOrder: (i + 1) * 10 })).filter(({ s, sortOrder }) => s.sortOrder !== sortOrder);
    try {
      for (const { s, sortOrder } of changes) await update.mutateAsync({ id: s.id, sortOrder });
      report({ type: 'success', text: t('status.moved', { name: status.name }) });
    } catch (e) {
      report({ type: 'error', text: t('status.moveFailed', { reason: errorText(e) }) });
    }
  };

  const confirmDelete = (status: CustomerStatus) => {
    modal.confirm({
      title: t('status.delete'),
      content: t('status.confirmDelete', { name: status.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'status-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync(status.id)
          .then(() => {
            report({ type: 'success', text: t('status.deleted', { name: status.name }) });
            if (selectedId === status.id) onSelect(undefined);
          })
          .catch((e: unknown) => report({ type: 'error', text: t('status.deleteFailed', { name: status.name, reason: errorText(e) }) })),
    });
  };

  const itemsFor = (status: CustomerStatus | null): MenuProps['items'] => {
    const items: MenuProps['items'] = [{ key: 'create', label: t('customer.create'), onClick: () => onCreateCustomer(status?.id) }];
    if (!isAdmin) return items;
    items.push({ type: 'divider' }, { key: 'add', label: t('status.create'), onClick: () => setNaming({}) });
    if (status) {
      const index = list.findIndex((s) => s.id === status.id);
      items.push(
        { key: 'rename', label: t('status.rename'), onClick: () => setNaming({ status }) },
        { key: 'up', label: t('status.moveUp'), disabled: index <= 0, onClick: () => void move(status, -1) },
        { key: 'down', label: t('status.moveDown'), disabled: index >= list.length - 1, onClick: () => void move(status, 1) },
        { key: 'delete', label: t('status.delete'), danger: true, onClick: () => confirmDelete(status) },
      );
    }
    return items;
  };

  const entry = (key: string, label: string, count: number, status: CustomerStatus | null) => {
    const id = status?.id;
    const active = selectedId === id;
    return (
      <div
        key={key}
        role="button"
        tabIndex={0}
        className={`kehu-status${active ? ' kehu-status-active' : ''}`}
        data-testid={`status-${key}`}
        aria-pressed={active}
        onClick={() => onSelect(id)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onSelect(id);
          }
        }}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenu({ x: e.clientX, y: e.clientY, status });
        }}
      >
        <span className="kehu-status-name">{label}</span>
        <span className="kehu-status-count" data-testid={`status-count-${key}`}>
          {count}
        </span>
      </div>
    );
  };

  return (
    <nav aria-label={t('customer.statuses')} className="kehu-status-panel" data-testid="status-panel">
      <div className="kehu-zone-title">{t('customer.statuses')}</div>
      {statuses.isPending ? (
        <Spin size="small" style={{ margin: 12 }} />
      ) : (
        <>
          {entry('all', t('customer.allStatuses'), total, null)}
          {list.map((s) => entry(s.id, s.name, s.customerCount, s))}
        </>
      )}
      {menu && (
        <Dropdown open menu={{ items: itemsFor(menu.status), onClick: () => setMenu(null) }} onOpenChange={(o) => !o && setMenu(null)} trigger={['contextMenu']}>
          <div style={{ position: 'fixed', left: menu.x, top: menu.y, width: 1, height: 1 }} />
        </Dropdown>
      )}
      {namingLoaded && (
        <Suspense fallback={null}>
          <StatusNameDialog target={naming} onClose={() => setNaming(null)} />
        </Suspense>
      )}
    </nav>
  );
}

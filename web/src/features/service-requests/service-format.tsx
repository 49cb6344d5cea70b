import { Tag } from 'antd';
import type { ServiceChannel, ServicePriority, ServiceStatus } from '../../api/types';
import { useT, type Translate } from '../../i18n/i18n';

export const serviceStatuses: readonly ServiceStatus[] = ['new', 'in_progress', 'resolved', 'closed', 'reopened'];
export const servicePriorities: readonly ServicePriority[] = ['low', 'normal', 'high', 'urgent'];
export const serviceChannels: readonly ServiceChannel[] = ['phone', 'email', 'wechat', 'visit', 'other'];

/** The legal next statuses (the server answers anything else with 422 invalid_transition). */
const moves: Record<ServiceStatus, readonly ServiceStatus[]> = {
  new: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress'],
};
export const nextStatuses = (s: ServiceStatus): readonly ServiceStatus[] => moves[s];

const statusColor: Record<ServiceStatus, string> = { new: 'blue', in_progress: 'gold', resolved: 'green', closed: 'default', reopened: 'magenta' };
const priorityColor: Record<ServicePriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

export function ServiceStatusTag({ status }: { status: ServiceStatus }) {
  const t = useT();
  return (
    <Tag color={statusColor[status]} data-testid="service-status" data-status={status}>
      {t.known('service.status', status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: ServicePriority }) {
  const t = useT();
  return (
    <Tag color={priorityColor[priority]} data-testid="service-priority">
      {t.known('service.priority', priority)}
    </Tag>
  );
}

/** Minutes as "1 小时 30 分钟" / "1 h 30 min". */
export function formatMinutes(t: Translate, minutes: number): string {
  if (!minutes) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('service.minutesOnly', { m });
  if (m === 0) return t('service.hoursOnly', { h });
  return t('service.hoursMinutes', { h, m });
}

/** Opens the A4 service report in a new tab. */
export const openServiceReport = (requestId: string) => window.open(`/print/service/${encodeURIComponent(requestId)}`, '_blank', 'noopener');

// Seeds a fresh test server through the API: the first-run administrator, one salesperson and
// `count` customers owned by that salesperson.
import { ApiSession } from './ui.js';

export interface Seeded {
  username: string;
  password: string;
  /** The salesperson's API session, for further seeding. */
  session: ApiSession;
  customerIds: string[];
}

export async function seedSalesWithCustomers(baseUrl: string, count: number): Promise<Seeded> {
  const admin = await ApiSession.setup(baseUrl);
  const login = { username: 'zhangsan', password: 'sales-pass-1' };
  await admin.post('/api/users', { ...login, displayName: '张三', role: 'sales' });
  const sales = await ApiSession.login(baseUrl, login.username, login.password);
  const statuses = await sales.get<{ id: string }[]>('/api/customer-statuses');
  const customerIds: string[] = [];
  // A few at a time: the server is one process and the machine may be busy.
  for (let i = 0; i < count; i += 10) {
    const batch: Promise<{ id: string }>[] = [];
    for (let j = i; j < Math.min(count, i + 10); j++) {
      const n = String(j + 1).padStart(3, '0');
      batch.push(
        sales.post('/api/customers', {
          name: `规模测试客户${n}号有限公司`,
          keyword: `规模${n}`,
          statusId: statuses[j % statuses.length]?.id,
          phone: `0755-2677${n}`,
          region: '广东深圳',
          confirmDuplicate: true,
        }),
      );
    }
    for (const c of await Promise.all(batch)) customerIds.push(c.id);
  }
  return { ...login, session: sales, customerIds };
}

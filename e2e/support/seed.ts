// Seeds a fresh test server through the API: the first-run administrator, one salesperson and
// `count` customers owned by that salesperson.

export interface Seeded {
  username: string;
  password: string;
}

async function call(baseUrl: string, cookie: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function session(res: Response): Promise<string> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export async function seedSalesWithCustomers(baseUrl: string, count: number): Promise<Seeded> {
  const json = { 'Content-Type': 'application/json' };
  const admin = await session(
    await fetch(`${baseUrl}/api/setup`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'admin-pass-1' }) }),
  );
  const seeded = { username: 'zhangsan', password: 'sales-pass-1' };
  await call(baseUrl, admin, '/api/users', { ...seeded, displayName: '张三', role: 'sales' });
  const sales = await session(await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify(seeded) }));
  const statuses = (await (await fetch(`${baseUrl}/api/customer-statuses`, { headers: { Cookie: sales } })).json()) as { id: string }[];
  // A few at a time: the server is one process and the machine may be busy.
  for (let i = 0; i < count; i += 10) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 10); j++) {
      const n = String(j + 1).padStart(3, '0');
      batch.push(
        call(baseUrl, sales, '/api/customers', {
          name: `规模测试客户${n}号有限公司`,
          keyword: `规模${n}`,
          statusId: statuses[j % statuses.length]?.id,
          phone: `0755-2677${n}`,
          region: '广东深圳',
          confirmDuplicate: true,
        }),
      );
    }
    await Promise.all(batch);
  }
  return seeded;
}

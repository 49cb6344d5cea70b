import { expect, it } from 'vitest';
import { down, up } from '../../db/migrations/2026_12_07_0200_delegation_customer_snapshot.js';
import { createCustomer, createDelegation } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

// A grant that has ended shows the customer as it was when it ended: a former owner or delegate
// must not learn the customer's later names from the grant lists. Active grants show it live.

interface Listed {
  id: string;
  customerName: string;
  customerId: string | null;
  state: string;
}

async function customerOf(t: TestApp, as: Session, keyword: string) {
  return (await createCustomer(t, as, { name: `${keyword}股份公司`, keyword })).id;
}

async function rename(t: TestApp, as: Session, id: string, name: string, extra: Record<string, unknown> = {}) {
  const { version } = (await t.get(`/api/customers/${id}`, as)).body;
  const res = await t.patch(`/api/customers/${id}`, { version, name, ...extra }, as);
  if (res.status !== 200) throw new Error(`rename: ${res.status} ${res.text}`);
}

async function grant(t: TestApp, as: Session, customerId: string, to: Session, endsOn?: string) {
  return (await createDelegation(t, as, [customerId], to.user.id, endsOn ? { endsOn } : {}))[0]!.id;
}

/** The named grant as a list shows it (every state). */
async function listed(t: TestApp, as: Session, direction: 'given' | 'received', grantId: string): Promise<Listed> {
  const res = await t.get(`/api/delegations?direction=${direction}&pageSize=100`, as);
  expect(res.status).toBe(200);
  const item = res.body.items.find((d: Listed) => d.id === grantId);
  if (!item) throw new Error(`grant ${grantId} not in the ${direction} list`);
  return item;
}

describeEachDb('ended grants keep the customer as it was', (get) => {
  it('after a revoke (one or all), a rename does not reach the former delegate or the owner’s grant list', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '撤回前甲');
    const b = await customerOf(t, zhang, '撤回前乙');
    const [ga, gb] = [await grant(t, zhang, a, li), await grant(t, zhang, b, li)];
    expect((await t.post(`/api/delegations/${ga}/revoke`, undefined, zhang)).status).toBe(200);
    await rename(t, zhang, a, '撤回后甲股份公司');
    await rename(t, zhang, b, '仍有效乙股份公司');

    expect(await listed(t, li, 'received', ga)).toMatchObject({ state: 'revoked', customerName: '撤回前甲股份公司', customerId: null });
    expect((await listed(t, zhang, 'given', ga)).customerName).toBe('撤回前甲股份公司');
    // The active grant shows the customer live.
    expect(await listed(t, li, 'received', gb)).toMatchObject({ state: 'active', customerName: '仍有效乙股份公司' });
    expect((await listed(t, zhang, 'given', gb)).customerName).toBe('仍有效乙股份公司');

    expect((await t.post('/api/delegations/revoke-all', { toUserId: li.user.id }, zhang)).body).toEqual({ revoked: 1 });
    await rename(t, zhang, b, '全部收回后乙股份公司');
    expect((await listed(t, li, 'received', gb)).customerName).toBe('仍有效乙股份公司');
    expect((await listed(t, zhang, 'given', gb)).customerName).toBe('仍有效乙股份公司');
    const ended = (await t.get('/api/delegations?direction=received&state=ended', li)).body.items as Listed[];
    expect(ended.map((d) => d.customerName).sort()).toEqual(['仍有效乙股份公司', '撤回前甲股份公司'].sort());
  });

  it('after a lapse in the business time zone, the grant shows the name of its last day', async () => {
    const t = get();
    try {
      const zhang = await t.sessionFor('sales');
      const li = await t.sessionFor('sales');
      const a = await customerOf(t, zhang, '到期前甲');
      const b = await customerOf(t, zhang, '不到期乙');
      const ga = await grant(t, zhang, a, li, '2026-11-28');
      const gb = await grant(t, zhang, b, li);
      t.clock.set('2026-11-28T15:59:00Z'); // 23:59 in Shanghai: the grant's last minute
      const zhangLastDay = await t.login(zhang.user);
      await rename(t, zhangLastDay, a, '末日甲股份公司');
      expect((await listed(t, await t.login(li.user), 'received', ga)).customerName).toBe('末日甲股份公司');

      t.clock.set('2026-11-28T16:00:00Z'); // midnight in Shanghai: lapsed, with nothing written
      const zhangLate = await t.login(zhang.user);
      const liLate = await t.login(li.user);
      await rename(t, zhangLate, a, '到期后甲股份公司');
      await rename(t, zhangLate, b, '到期后乙股份公司');
      expect(await listed(t, liLate, 'received', ga)).toMatchObject({ state: 'lapsed', customerName: '末日甲股份公司', customerId: null });
      expect((await listed(t, zhangLate, 'given', ga)).customerName).toBe('末日甲股份公司');
      expect(await listed(t, liLate, 'received', gb)).toMatchObject({ state: 'active', customerName: '到期后乙股份公司' });
      expect((await listed(t, zhangLate, 'given', gb)).customerName).toBe('到期后乙股份公司');
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }
  });

  it('after a transfer, the former owner and delegate keep the old name; a new grant shows the new one', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const wang = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '移交前甲');
    const ga = await grant(t, zhang, a, li);
    const moved = await t.asAdmin('POST', `/api/users/${zhang.user.id}/transfer-customers`, { toUserId: wang.user.id, customerIds: [a] });
    expect(moved.body).toEqual({ moved: 1 });
    await rename(t, wang, a, '移交后甲股份公司');
    expect(await listed(t, li, 'received', ga)).toMatchObject({ state: 'transferred', customerName: '移交前甲股份公司' });
    expect((await listed(t, zhang, 'given', ga)).customerName).toBe('移交前甲股份公司');

    const again = await grant(t, wang, a, li);
    await rename(t, wang, a, '再授权甲股份公司');
    expect(await listed(t, li, 'received', again)).toMatchObject({ state: 'active', customerName: '再授权甲股份公司' });
    expect((await listed(t, li, 'received', ga)).customerName).toBe('移交前甲股份公司');
  });

  it('a change of owner and name in one edit ends the grants with the name from before the edit', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const wang = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '一并改前');
    const ga = await grant(t, zhang, a, li);
    await rename(t, t.admin, a, '一并改后股份公司', { ownerId: wang.user.id });
    expect(await listed(t, li, 'received', ga)).toMatchObject({ state: 'transferred', customerName: '一并改前股份公司' });
    expect((await listed(t, zhang, 'given', ga)).customerName).toBe('一并改前股份公司');
  });

  it('after the delegate is disabled, the owner’s list keeps the name of that moment', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '停用前甲');
    const ga = await grant(t, zhang, a, li);
    const liRow = (await t.asAdmin('GET', `/api/users/${li.user.id}`)).body;
    expect((await t.asAdmin('PATCH', `/api/users/${li.user.id}`, { version: liRow.version, active: false })).status).toBe(200);
    await rename(t, zhang, a, '停用后甲股份公司');
    expect(await listed(t, zhang, 'given', ga)).toMatchObject({ state: 'user_disabled', customerName: '停用前甲股份公司' });
  });

  it('the migration gives every existing grant the customer’s present name, the best there is', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '迁移甲');
    const b = await customerOf(t, zhang, '迁移乙');
    const [ga, gb] = [await grant(t, zhang, a, li), await grant(t, zhang, b, li)];
    await t.post(`/api/delegations/${ga}/revoke`, undefined, zhang);
    // Renamed while the column is not there, as before the migration.
    await down(t.db);
    await t.db.updateTable('customers').set({ name: '迁移时甲股份公司' }).where('id', '=', Number(a)).execute();
    await t.db.updateTable('customers').set({ name: '迁移时乙股份公司' }).where('id', '=', Number(b)).execute();
    await up(t.db);
    const rows = await t.db.selectFrom('delegations').select(['id', 'customer_name_snapshot']).where('id', 'in', [Number(ga), Number(gb)]).orderBy('id').execute();
    expect(rows.map((r) => r.customer_name_snapshot)).toEqual(['迁移时甲股份公司', '迁移时乙股份公司']);
    await rename(t, zhang, a, '迁移后甲股份公司');
    await rename(t, zhang, b, '迁移后乙股份公司');
    expect((await listed(t, li, 'received', ga)).customerName).toBe('迁移时甲股份公司');
    expect((await listed(t, li, 'received', gb)).customerName).toBe('迁移后乙股份公司');
  });
});

import { lazy, Suspense } from 'react';
import { Dropdown } from 'antd';
import type { CustomerMenus } from './use-customer-menus';
import type { CustomersPageState } from './use-customers-page';

// The form (with the date picker) and the generic words load when first opened, not with the list.
const CustomerFormDialog = lazy(() => import('./customer-form-dialog').then((m) => ({ default: m.CustomerFormDialog })));
// The grant dialog (date pickers, forms) loads when first opened, too.
const GrantDialog = lazy(() => import('../delegations/grant-dialog').then((m) => ({ default: m.GrantDialog })));
// The transfer dialog (a modal with a select) too: the Modal code is not needed to show the list.
const TransferDialog = lazy(() => import('./transfer-dialog').then((m) => ({ default: m.TransferDialog })));
// The merge dialog (admin only) too.
const MergeDialog = lazy(() => import('../duplicates/merge-dialog').then((m) => ({ default: m.MergeDialog })));
const GenericKeywordsDialog = lazy(() => import('./generic-keywords-dialog').then((m) => ({ default: m.GenericKeywordsDialog })));

/** What opens over the customer screen: a row's right-click menu and the dialogs, each mounted once first opened. */
export function CustomerOverlays({ page, menus }: { page: CustomersPageState; menus: CustomerMenus }) {
  const { rowMenu, setRowMenu, form, transfer, grant, merge } = page;
  return (
    <>
      {rowMenu && (
        <Dropdown open menu={{ items: menus.rowActions(rowMenu.customer), onClick: () => setRowMenu(null) }} onOpenChange={(o) => !o && setRowMenu(null)} trigger={['contextMenu']}>
          <div style={{ position: 'fixed', left: rowMenu.x, top: rowMenu.y, width: 1, height: 1 }} />
        </Dropdown>
      )}
      {form.loaded && (
        <Suspense fallback={null}>
          <CustomerFormDialog target={form.target} onClose={() => form.set(null)} onSaved={(c) => page.setCurrent(c)} />
        </Suspense>
      )}
      {transfer.loaded && (
        <Suspense fallback={null}>
          <TransferDialog target={transfer.target} onClose={() => transfer.set(null)} onDone={() => page.setChecked([])} />
        </Suspense>
      )}
      {grant.loaded && (
        <Suspense fallback={null}>
          <GrantDialog target={grant.target} onClose={() => grant.set(null)} onDone={() => page.setChecked([])} />
        </Suspense>
      )}
      {merge.loaded && (
        <Suspense fallback={null}>
          <MergeDialog
            pair={merge.target}
            onClose={() => merge.set(null)}
            onMerged={(kept, mergedId) => {
              page.setChecked([]);
              if (page.current?.id === mergedId || page.current?.id === kept.id) page.setCurrent(kept);
            }}
          />
        </Suspense>
      )}
      {page.genericOpen && (
        <Suspense fallback={null}>
          <GenericKeywordsDialog open onClose={() => page.setGenericOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

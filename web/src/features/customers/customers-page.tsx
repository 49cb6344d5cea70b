import { CustomerDetail } from './customer-detail';
import { CustomerList } from './customer-list';
import { CustomerOverlays } from './customer-overlays';
import { CustomerToolbar } from './customer-toolbar';
import { StatusPanel } from './status-panel';
import { useCustomerMenus } from './use-customer-menus';
import { useCustomersPage } from './use-customers-page';

/** The customer screen: statuses (zone 1), the list (zone 2) and the tabs of the selected customer. */
export function CustomersPage() {
  const page = useCustomersPage();
  const menus = useCustomerMenus(page);
  const { setParams } = page;
  const setForm = page.form.set;
  return (
    <div className="kehu-customers" data-testid="customers-page">
      <CustomerToolbar page={page} menus={menus} />
      <div className="kehu-customers-body">
        <StatusPanel
          isAdmin={page.isAdmin}
          selectedId={page.params.statusId}
          onSelect={(statusId) => setParams((p) => ({ ...p, statusId, page: 1 }))}
          onCreateCustomer={(statusId) => setForm({ statusId })}
        />
        <div className="kehu-customers-main">
          <CustomerList page={page} />
          <CustomerDetail selected={page.selected} onEdit={(customer) => setForm({ customer })} />
        </div>
      </div>
      <CustomerOverlays page={page} menus={menus} />
    </div>
  );
}

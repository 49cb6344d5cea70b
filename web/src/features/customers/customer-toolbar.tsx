import { Button, Dropdown, Input, Select } from 'antd';
import { DownOutlined, ExportOutlined, ImportOutlined, MergeCellsOutlined, PlusOutlined, PrinterOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { Text } from '../../components/text';
import { useT } from '../../i18n/i18n';
import type { CustomerMenus } from './use-customer-menus';
import type { CustomersPageState } from './use-customers-page';

/** The bar above the customer screen: create, search, the owner filter and the list's menus. */
export function CustomerToolbar({ page, menus }: { page: CustomersPageState; menus: CustomerMenus }) {
  const t = useT();
  const navigate = useNavigate();
  const { isAdmin, params, setParams, selected } = page;
  const setForm = page.form.set;
  const ownerFilterOptions = (page.owners ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <div className="kehu-toolbar">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ statusId: params.statusId })} data-testid="customer-create">
        {t('customer.create')}
      </Button>
      <Input.Search
        allowClear
        placeholder={t('customer.search')}
        style={{ width: 300 }}
        onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
        data-testid="customer-search"
        id="customer-search"
      />
      {isAdmin && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('customer.filter.owner')}
          style={{ width: 150 }}
          options={ownerFilterOptions}
          onChange={(ownerId: string | undefined) => setParams((p) => ({ ...p, ownerId, page: 1 }))}
          data-testid="customer-owner-filter"
        />
      )}
      <Text type="secondary" className="kehu-toolbar-hint kehu-toolbar-fill" title={t('customer.selectHint')}>
        {t('customer.selectHint')}
      </Text>
      {menus.mergeable && (
        <Button icon={<MergeCellsOutlined />} onClick={menus.openMerge} data-testid="toolbar-merge">
          {t('merge.action')}
        </Button>
      )}
      <Dropdown menu={{ items: menus.grantItems() }} trigger={['click']}>
        <Button icon={<ShareAltOutlined />} data-testid="toolbar-grant">
          {t('customer.tab.delegations')} <DownOutlined />
        </Button>
      </Dropdown>
      <Button icon={<ImportOutlined />} onClick={() => navigate('/imports')} data-testid="toolbar-import">
        {t('customer.import')}
      </Button>
      <Dropdown menu={{ items: menus.exportItems }} trigger={['click']}>
        <Button icon={<ExportOutlined />} data-testid="toolbar-export">
          {t('customer.export')} <DownOutlined />
        </Button>
      </Dropdown>
      <Dropdown menu={{ items: menus.printItems(selected) }} trigger={['click']}>
        <Button icon={<PrinterOutlined />} data-testid="toolbar-print">
          {t('customer.print')} <DownOutlined />
        </Button>
      </Dropdown>
      {isAdmin && (
        <Button onClick={() => page.setGenericOpen(true)} data-testid="generic-keywords">
          {t('customer.genericKeywords')}
        </Button>
      )}
    </div>
  );
}

import { lazy, Suspense, useState } from 'react';
import { Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { Title } from '../components/text';
import {
  AccountBookOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DeleteOutlined,
  DownOutlined,
  HomeOutlined,
  ImportOutlined,
  MergeCellsOutlined,
  ScheduleOutlined,
  ShareAltOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { can, type Action } from '../../../common/roles.js';
import { errorText } from '../api/client';
import { useLogout, useMe } from '../api/session';
import { LanguageSwitch } from '../components/language-switch';
import { MessageBar, useMessages } from '../components/messages';
import { ModalProvider } from '../components/app-modal';
import { useT, type MessageKey } from '../i18n/i18n';
import { useDueFollowUps } from '../api/activities';

// The user menu's dialogs load when first opened: the token list brings a table and a date
// picker that no page on the way from login to the customer screen needs.
const ChangePasswordDialog = lazy(() => import('../features/auth/change-password-dialog').then((m) => ({ default: m.ChangePasswordDialog })));
const ApiTokensDialog = lazy(() => import('../features/auth/api-tokens-dialog').then((m) => ({ default: m.ApiTokensDialog })));

interface NavEntry {
  path: string;
  label: MessageKey;
  icon: React.ReactNode;
  /** Shown only to roles that may do this; entries that would not work are hidden, not disabled. */
  requires?: Action;
  /** Hidden from roles that may do this (the welcome page is for those without the customer screen). */
  hiddenFor?: Action;
}

const navEntries: NavEntry[] = [
  // Admin and sales have the dashboard as their home page; other staff a welcome page.
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, requires: 'customers.use' },
  { path: '/customers', label: 'nav.customers', icon: <ContactsOutlined />, requires: 'customers.use' },
  { path: '/imports', label: 'nav.imports', icon: <ImportOutlined />, requires: 'customers.use' },
  { path: '/followups', label: 'nav.due', icon: <ScheduleOutlined />, requires: 'customers.use' },
  { path: '/delegations', label: 'nav.delegations', icon: <ShareAltOutlined />, requires: 'customers.use' },
  // Everyone logged in: the requests assigned to me (and, for those with customers, all open ones).
  { path: '/service-desk', label: 'nav.serviceDesk', icon: <CustomerServiceOutlined /> },
  { path: '/reports/annual-fees', label: 'nav.annualFees', icon: <BellOutlined />, requires: 'customers.use' },
  { path: '/reports/arrears', label: 'nav.arrears', icon: <AccountBookOutlined />, requires: 'customers.use' },
  { path: '/reports/charts', label: 'nav.charts', icon: <BarChartOutlined />, requires: 'customers.use' },
  { path: '/products', label: 'nav.products', icon: <AppstoreOutlined /> },
  { path: '/suppliers', label: 'nav.suppliers', icon: <ShopOutlined /> },
  { path: '/duplicates', label: 'nav.duplicates', icon: <MergeCellsOutlined />, requires: 'customers.admin' },
  { path: '/recycle-bin', label: 'nav.recycleBin', icon: <DeleteOutlined />, requires: 'customers.admin' },
  { path: '/staff', label: 'nav.staff', icon: <TeamOutlined />, requires: 'users.manage' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.read' },
];

/** The count on the follow-ups entry, in the look of antd's small Badge (not worth its bytes here). */
function DueBadge({ count }: { count: number }) {
  const text = count > 99 ? '99+' : String(count);
  return (
    <sup className={`kehu-badge${text.length > 1 ? ' kehu-badge-wide' : ''}`} title={String(count)} data-testid="due-badge">
      {text}
    </sup>
  );
}

export function AppShell() {
  const t = useT();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { report, clear } = useMessages();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [tokensOpen, setTokensOpen] = useState(false);
  // Mounted from the first opening on, so that closing still animates.
  const [passwordUsed, setPasswordUsed] = useState(false);
  const [tokensUsed, setTokensUsed] = useState(false);
  const mayUseCustomers = !!me && can(me.role, 'customers.use');
  // The count of customers to follow up today or earlier, as a badge on the menu entry.
  const due = useDueFollowUps({ page: 1, pageSize: 1 }, mayUseCustomers);
  if (!me) return null;
  const dueCount = due.data?.total ?? 0;

  const items: MenuProps['items'] = navEntries
    .filter((e) => (!e.requires || can(me.role, e.requires)) && (!e.hiddenFor || !can(me.role, e.hiddenFor)))
    .map((e) => ({
      key: e.path,
      icon: e.icon,
      label:
        e.path === '/followups' && dueCount > 0 ? (
          <span className="kehu-nav-badge-label">
            {t(e.label)}
            <DueBadge count={dueCount} />
          </span>
        ) : (
          t(e.label)
        ),
      'data-testid': `nav-${e.path.slice(1).replace('/', '-') || 'home'}`,
    }));
  const selected = navEntries.find((e) => e.path !== '/' && location.pathname.startsWith(e.path))?.path ?? '/';

  const onLogout = () => {
    logout.mutate(undefined, {
      onSuccess: () => {
        // The next person on this browser must not see this session's messages.
        clear();
        report({ type: 'success', text: t('logout.done') });
        navigate('/login', { replace: true });
      },
      onError: (e) => report({ type: 'error', text: t('logout.failed', { reason: errorText(e) }) }),
    });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', label: <span data-testid="menu-change-password">{t('user.menu.changePassword')}</span> },
      { key: 'tokens', label: <span data-testid="menu-api-tokens">{t('user.menu.apiTokens')}</span> },
      { type: 'divider' },
      { key: 'logout', label: <span data-testid="menu-logout">{t('user.menu.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'password') {
        setPasswordUsed(true);
        setPasswordOpen(true);
      } else if (key === 'tokens') {
        setTokensUsed(true);
        setTokensOpen(true);
      } else onLogout();
    },
  };

  // The confirm dialogs' context lives here, not at the root, to keep it off the login page.
  return (
    <ModalProvider>
    <Layout style={{ height: '100vh' }}>
      <Layout.Header className="kehu-header" style={{ display: 'flex', alignItems: 'center', background: '#001529', height: 52, lineHeight: '52px' }}>
        <Title style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
          {t('app.name')}
        </Title>
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        <Dropdown menu={userMenu} trigger={['click']}>
          <Button type="text" style={{ color: '#fff' }} data-testid="user-menu" icon={<UserOutlined />}>
            <span className="kehu-user-name">{me.displayName}</span>
            <DownOutlined />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light" breakpoint="lg" collapsedWidth={56} style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(key)} style={{ borderInlineEnd: 'none' }} />
        </Layout.Sider>
        <Layout style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
          <Layout.Content style={{ flex: 1, overflow: 'auto', padding: 16, background: '#fff' }}>
            <Outlet />
          </Layout.Content>
          <MessageBar />
        </Layout>
      </Layout>
      <Suspense fallback={null}>
        {passwordUsed && <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />}
        {tokensUsed && <ApiTokensDialog open={tokensOpen} onClose={() => setTokensOpen(false)} />}
      </Suspense>
    </Layout>
    </ModalProvider>
  );
}

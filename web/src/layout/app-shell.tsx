import { useState } from 'react';
import { App, Button, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { AuditOutlined, ContactsOutlined, DeleteOutlined, DownOutlined, HomeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { can, type Action, type Role } from '../../../common/roles.js';
import { errorText } from '../api/client';
import { useLogout, useMe } from '../api/session';
import { LanguageSwitch } from '../components/language-switch';
import { MessageBar, useMessages } from '../components/messages';
import { ChangePasswordDialog } from '../features/auth/change-password-dialog';
import { useT, type MessageKey } from '../i18n/i18n';
import { customerRoles } from './guards';

interface NavEntry {
  path: string;
  label: MessageKey;
  icon: React.ReactNode;
  /** Shown only to roles that may do this; entries that would not work are hidden, not disabled. */
  requires?: Action;
  /** Shown only to these roles (for screens the shared role matrix has no action name for yet). */
  roles?: readonly Role[];
}

const navEntries: NavEntry[] = [
  // Admin and sales have the customer screen as their home page; other staff a welcome page.
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, roles: ['staff'] },
  { path: '/customers', label: 'nav.customers', icon: <ContactsOutlined />, roles: customerRoles },
  { path: '/recycle-bin', label: 'nav.recycleBin', icon: <DeleteOutlined />, roles: ['admin'] },
  { path: '/staff', label: 'nav.staff', icon: <TeamOutlined />, requires: 'users.manage' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.read' },
];

export function AppShell() {
  const t = useT();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { report, clear } = useMessages();
  const [passwordOpen, setPasswordOpen] = useState(false);
  if (!me) return null;

  const items: MenuProps['items'] = navEntries
    .filter((e) => (!e.requires || can(me.role, e.requires)) && (!e.roles || e.roles.includes(me.role)))
    .map((e) => ({ key: e.path, icon: e.icon, label: t(e.label), 'data-testid': `nav-${e.path.slice(1) || 'home'}` }));
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
      { type: 'divider' },
      { key: 'logout', label: <span data-testid="menu-logout">{t('user.menu.logout')}</span> },
    ],
    onClick: ({ key }) => (key === 'password' ? setPasswordOpen(true) : onLogout()),
  };

  // antd's App (context for modal/message) lives here, not at the root, to keep it off the login page.
  return (
    <App>
    <Layout style={{ height: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 20px', background: '#001529', height: 52, lineHeight: '52px' }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
          {t('app.name')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        <Dropdown menu={userMenu} trigger={['click']}>
          <Button type="text" style={{ color: '#fff' }} data-testid="user-menu" icon={<UserOutlined />}>
            <span>{me.displayName}</span>
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
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
    </App>
  );
}

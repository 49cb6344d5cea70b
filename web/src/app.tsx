import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { I18nProvider, useLocale } from './i18n/i18n';
import { Loading } from './components/loading';
import { MessagesProvider } from './components/messages';
import { ApiError } from './api/client';
import { useMe, useSetupStatus } from './api/session';
import { ForbiddenPage, NotFoundPage } from './components/result-page';
import { customerRoles, RequireAuth, RequirePermission, RequireRole } from './layout/guards';

// Route-level code splitting: the login page does not load the shell, the tables or the dialogs.
const LoginPage = lazy(() => import('./features/auth/login-page').then((m) => ({ default: m.LoginPage })));
const SetupPage = lazy(() => import('./features/setup/setup-page').then((m) => ({ default: m.SetupPage })));
const AppShell = lazy(() => import('./layout/app-shell').then((m) => ({ default: m.AppShell })));
const HomePage = lazy(() => import('./features/home/home-page').then((m) => ({ default: m.HomePage })));
const StaffPage = lazy(() => import('./features/staff/staff-page').then((m) => ({ default: m.StaffPage })));
const CustomersPage = lazy(() => import('./features/customers/customers-page').then((m) => ({ default: m.CustomersPage })));
const RecycleBinPage = lazy(() => import('./features/customers/recycle-bin-page').then((m) => ({ default: m.RecycleBinPage })));
const AuditPage = lazy(() => import('./features/audit/audit-page').then((m) => ({ default: m.AuditPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Sends everyone to /setup while the system has no user, and away from it afterwards. */
function SetupGate({ children }: { children: ReactNode }) {
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) return <Loading />;
  const needed = setup.data?.needed ?? false;
  if (needed && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!needed && location.pathname === '/setup') return <Navigate to="/" replace />;
  return children;
}

/** The home page: the customer screen for those who own customers, a welcome page for other staff. */
function Home() {
  const me = useMe().data;
  if (me && customerRoles.includes(me.role)) return <Navigate to="/customers" replace />;
  return <HomePage />;
}

/** Already logged in users skip the login page. */
function PublicOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to="/" replace />;
  return children;
}

function LocalizedProviders({ children }: { children: ReactNode }) {
  const [locale] = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUSAntd : zhCNAntd} theme={{ token: { colorPrimary: '#1f6feb' } }}>
      {children}
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedProviders>
        <QueryClientProvider client={queryClient}>
          <MessagesProvider>
            <BrowserRouter>
              <Suspense fallback={<Loading />}>
                <SetupGate>
                  <Routes>
                    <Route path="/setup" element={<SetupPage />} />
                    <Route
                      path="/login"
                      element={
                        <PublicOnly>
                          <LoginPage />
                        </PublicOnly>
                      }
                    />
                    <Route
                      element={
                        <RequireAuth>
                          <AppShell />
                        </RequireAuth>
                      }
                    >
                      <Route index element={<Home />} />
                      <Route
                        path="customers"
                        element={
                          <RequireRole roles={customerRoles} fallback={<ForbiddenPage />}>
                            <CustomersPage />
                          </RequireRole>
                        }
                      />
                      <Route
                        path="recycle-bin"
                        element={
                          <RequireRole roles={['admin']} fallback={<ForbiddenPage />}>
                            <RecycleBinPage />
                          </RequireRole>
                        }
                      />
                      <Route
                        path="staff"
                        element={
                          <RequirePermission action="users.manage" fallback={<ForbiddenPage />}>
                            <StaffPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="audit"
                        element={
                          <RequirePermission action="audit.read" fallback={<ForbiddenPage />}>
                            <AuditPage />
                          </RequirePermission>
                        }
                      />
                      <Route path="*" element={<NotFoundPage />} />
                    </Route>
                  </Routes>
                </SetupGate>
              </Suspense>
            </BrowserRouter>
          </MessagesProvider>
        </QueryClientProvider>
      </LocalizedProviders>
    </I18nProvider>
  );
}
